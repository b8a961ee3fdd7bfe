package dev.timbot.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message received or sent by the bot: where it belongs, who sent it, its identity on the
 * service, and its ordered elements.
 *
 * <p>Identity: C2C messages carry {@code MsgKey} (used to recall) and usually {@code MsgId};
 * group messages are identified by the per-group {@code MsgSeq}. {@code msgRandom} is C2C
 * {@code MsgRandom} or group {@code Random}.
 *
 * @param conversation the C2C peer (from the bot's point of view) or the group
 * @param from sender user ID ({@code From_Account})
 * @param to recipient for C2C ({@code To_Account}); null for group messages
 * @param msgKey C2C {@code MsgKey}, null when unknown
 * @param msgId {@code MsgId}, null when the service did not send one
 * @param msgSeq C2C sender-chosen or group server-assigned sequence
 * @param msgRandom {@code MsgRandom} / {@code Random}
 * @param time server time ({@code MsgTime}), second precision
 * @param cloudCustomData {@code CloudCustomData}, null when absent
 * @param elements the {@code MsgBody}, in order
 * @param atAccounts accounts @-mentioned ({@code GroupAt_Account}, {@code AtRobots_Account})
 */
public record Message(
    Conversation conversation,
    String from,
    String to,
    String msgKey,
    String msgId,
    long msgSeq,
    long msgRandom,
    Instant time,
    String cloudCustomData,
    List<MessageElem> elements,
    List<String> atAccounts) {

  public Message {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(time, "time");
    elements = List.copyOf(elements == null ? List.of() : elements);
    atAccounts = List.copyOf(atAccounts == null ? List.of() : atAccounts);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .conversation(conversation)
        .from(from)
        .to(to)
        .msgKey(msgKey)
        .msgId(msgId)
        .msgSeq(msgSeq)
        .msgRandom(msgRandom)
        .time(time)
        .cloudCustomData(cloudCustomData)
        .elements(elements)
        .atAccounts(atAccounts);
  }

  /**
   * A key that identifies this message on the service, for de-duplication: the MsgKey or MsgId
   * when present, else the conversation with the group sequence or C2C seq/random/time.
   */
  public String dedupeKey() {
    if (msgId != null && !msgId.isEmpty()) {
      return "id:" + msgId;
    }
    if (msgKey != null && !msgKey.isEmpty()) {
      return "key:" + msgKey;
    }
    if (conversation.isGroup()) {
      return conversation.conversationId() + ":" + msgSeq;
    }
    return from + ">" + to + ":" + msgSeq + "_" + msgRandom + "_" + time.getEpochSecond();
  }

  /** The text of all text elements, joined in order; empty when there are none. */
  public String text() {
    // Called by every text matcher of every message: a loop, and no copy for the usual single text element.
    String only = null;
    StringBuilder joined = null;
    for (MessageElem e : elements) {
      if (e instanceof TextElem t) {
        if (only == null) {
          only = t.text();
        } else {
          if (joined == null) {
            joined = new StringBuilder(only);
          }
          joined.append(t.text());
        }
      }
    }
    return joined != null ? joined.toString() : only == null ? "" : only;
  }

  /** The first element of the given type. */
  public <T extends MessageElem> Optional<T> first(Class<T> type) {
    return elements.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** All elements of the given type, in order. */
  public <T extends MessageElem> List<T> all(Class<T> type) {
    return elements.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public boolean has(Class<? extends MessageElem> type) {
    return elements.stream().anyMatch(type::isInstance);
  }

  /** Builder for {@link Message}; {@code time} defaults to the epoch if never set. */
  public static final class Builder {
    private Conversation conversation;
    private String from;
    private String to;
    private String msgKey;
    private String msgId;
    private long msgSeq;
    private long msgRandom;
    private Instant time = Instant.EPOCH;
    private String cloudCustomData;
    private final List<MessageElem> elements = new ArrayList<>();
    private final List<String> atAccounts = new ArrayList<>();

    private Builder() {}

    public Builder conversation(Conversation conversation) {
      this.conversation = conversation;
      return this;
    }

    public Builder from(String from) {
      this.from = from;
      return this;
    }

    public Builder to(String to) {
      this.to = to;
      return this;
    }

    public Builder msgKey(String msgKey) {
      this.msgKey = msgKey;
      return this;
    }

    public Builder msgId(String msgId) {
      this.msgId = msgId;
      return this;
    }

    public Builder msgSeq(long msgSeq) {
      this.msgSeq = msgSeq;
      return this;
    }

    public Builder msgRandom(long msgRandom) {
      this.msgRandom = msgRandom;
      return this;
    }

    public Builder time(Instant time) {
      this.time = time;
      return this;
    }

    public Builder cloudCustomData(String cloudCustomData) {
      this.cloudCustomData = cloudCustomData;
      return this;
    }

    public Builder elements(List<? extends MessageElem> elements) {
      this.elements.clear();
      this.elements.addAll(elements);
      return this;
    }

    public Builder add(MessageElem element) {
      this.elements.add(element);
      return this;
    }

    public Builder text(String text) {
      return add(TextElem.of(text));
    }

    public Builder atAccounts(List<String> accounts) {
      this.atAccounts.clear();
      this.atAccounts.addAll(accounts);
      return this;
    }

    public Message build() {
      return new Message(
          conversation, from, to, msgKey, msgId, msgSeq, msgRandom, time, cloudCustomData,
          elements, atAccounts);
    }
  }
}
