package dev.timbot.spi;

/** A group from {@code get_joined_group_list}. Name and type may be null if not returned. */
public record JoinedGroup(String groupId, String name, String type) {}
