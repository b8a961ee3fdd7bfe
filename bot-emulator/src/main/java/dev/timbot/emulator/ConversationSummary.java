package dev.timbot.emulator;

/**
 * One row of a user's conversation list.
 *
 * @param conversationId {@code C2C<peer>} or {@code GROUP<groupId>}
 * @param peer the other user (C2C) or the group ID
 * @param name the peer's nick or the group's name (falls back to the ID)
 * @param unreadCount messages from others not yet read
 * @param lastMessage the newest message, null for a group with no messages yet
 */
public record ConversationSummary(
    String conversationId, String peer, String name, int unreadCount, ClientMessage lastMessage) {}
