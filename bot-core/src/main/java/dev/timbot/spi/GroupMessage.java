package dev.timbot.spi;

import dev.timbot.message.MessageElem;
import dev.timbot.message.TextElem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A group message to send with {@code group_open_http_svc/send_group_msg}. {@code random} may be
 * null: the client picks it once so that retries are deduplicated by the service.
 *
 * @param from sender ({@code From_Account}); null sends as the admin
 * @param msgPriority {@code High}, {@code Normal} or {@code Low}; null for the default
 * @param atAccounts accounts to @-mention ({@code GroupAtInfo}); {@link #AT_ALL} for @all
 */
public record GroupMessage(
    String groupId,
    String from,
    List<MessageElem> elements,
    Long random,
    String msgPriority,
    boolean onlineOnly,
    String cloudCustomData,
    List<String> atAccounts,
    boolean forbidBeforeCallback,
    boolean forbidAfterCallback) {
  /** Pseudo account that stands for {@code GroupAtAllFlag: 1}. */
  public static final String AT_ALL = "@ALL";

  public GroupMessage {
    Objects.requireNonNull(groupId, "groupId");
    elements = List.copyOf(Objects.requireNonNull(elements, "elements"));
    if (elements.isEmpty()) {
      throw new IllegalArgumentException("a message needs at least one element");
    }
    atAccounts = atAccounts == null ? List.of() : List.copyOf(atAccounts);
  }

  public static Builder builder() {
    return new Builder();
  }

  public static GroupMessage text(String groupId, String from, String text) {
    return builder().groupId(groupId).from(from).add(TextElem.of(text)).build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.groupId = groupId;
    b.from = from;
    b.elements.addAll(elements);
    b.random = random;
    b.msgPriority = msgPriority;
    b.onlineOnly = onlineOnly;
    b.cloudCustomData = cloudCustomData;
    b.atAccounts.addAll(atAccounts);
    b.forbidBeforeCallback = forbidBeforeCallback;
    b.forbidAfterCallback = forbidAfterCallback;
    return b;
  }

  /** Builder for {@link GroupMessage}. */
  public static final class Builder {
    private String groupId;
    private String from;
    private final List<MessageElem> elements = new ArrayList<>();
    private Long random;
    private String msgPriority;
    private boolean onlineOnly;
    private String cloudCustomData;
    private final List<String> atAccounts = new ArrayList<>();
    private boolean forbidBeforeCallback;
    private boolean forbidAfterCallback;

    private Builder() {}

    public Builder groupId(String groupId) {
      this.groupId = groupId;
      return this;
    }

    public Builder from(String from) {
      this.from = from;
      return this;
    }

    public Builder add(MessageElem element) {
      elements.add(Objects.requireNonNull(element, "element"));
      return this;
    }

    public Builder elements(List<? extends MessageElem> elements) {
      this.elements.clear();
      this.elements.addAll(elements);
      return this;
    }

    public Builder random(Long random) {
      this.random = random;
      return this;
    }

    public Builder msgPriority(String msgPriority) {
      this.msgPriority = msgPriority;
      return this;
    }

    public Builder onlineOnly(boolean onlineOnly) {
      this.onlineOnly = onlineOnly;
      return this;
    }

    public Builder cloudCustomData(String cloudCustomData) {
      this.cloudCustomData = cloudCustomData;
      return this;
    }

    public Builder at(String account) {
      this.atAccounts.add(account);
      return this;
    }

    public Builder forbidBeforeCallback(boolean forbid) {
      this.forbidBeforeCallback = forbid;
      return this;
    }

    public Builder forbidAfterCallback(boolean forbid) {
      this.forbidAfterCallback = forbid;
      return this;
    }

    public GroupMessage build() {
      return new GroupMessage(
          groupId, from, elements, random, msgPriority, onlineOnly, cloudCustomData, atAccounts,
          forbidBeforeCallback, forbidAfterCallback);
    }
  }
}
