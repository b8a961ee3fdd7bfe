package dev.timbot.internal.rest;

/**
 * Community topic IDs. As in the TIM SDK, a topic is addressed by its topic ID wherever a group
 * ID goes (conversation {@code GROUP<topicID>}); the ID embeds its group:
 * {@code @TGS#_<groupID>@TOPIC#_<name>}. The REST API wants the two apart ({@code GroupId} +
 * {@code TopicId}).
 */
public final class TopicIds {
  private static final String PREFIX = "@TGS#_";
  private static final String MARK = "@TOPIC#_";

  private TopicIds() {}

  /** The group of topic ID {@code id}, or null when {@code id} is a plain group ID. */
  public static String groupOf(String id) {
    if (id == null || !id.startsWith(PREFIX)) {
      return null;
    }
    int mark = id.indexOf(MARK, PREFIX.length());
    return mark <= PREFIX.length() ? null : id.substring(PREFIX.length(), mark);
  }
}
