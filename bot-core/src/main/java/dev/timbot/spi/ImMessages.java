package dev.timbot.spi;

import dev.timbot.spi.ImAdmin.ItemResult;

import dev.timbot.spi.ImMessages.SendMessage;
import dev.timbot.spi.ImMessages.SendResult;
import dev.timbot.spi.ImMessages.BatchSendResult;
import dev.timbot.spi.ImMessages.GroupMessage;
import dev.timbot.spi.ImMessages.GroupSendResult;

import dev.timbot.message.MessageElem;
import dev.timbot.message.TextElem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Sending chat messages: the port the runtime's outbox sends through. Not injectable into
 * plugins: they send with {@code Context.reply}/{@code Messenger}, which keep the order and the
 * interceptors.
 */
public interface ImMessages {

  /** {@code sendmsg}. Retries reuse the same MsgSeq/MsgRandom, so they are idempotent. */
  CompletableFuture<SendResult> sendMessage(SendMessage message);

  /**
   * {@code batchsendmsg} to any number of recipients, in chunks of 500; {@code template.to()} is
   * ignored. Per-recipient failures are in the result.
   */
  CompletableFuture<BatchSendResult> batchSendMessage(List<String> to, SendMessage template);

  /** {@code send_group_msg}. A rate-limited drop shows as {@link GroupSendResult#dropped()}. */
  CompletableFuture<GroupSendResult> sendGroupMessage(GroupMessage message);

  /**
   * A C2C message to send with {@code openim/sendmsg} (or, as a template, {@code batchsendmsg}).
   *
   * <p>{@code msgSeq} and {@code msgRandom} may be left null: the client picks them once, before
   * the first attempt, so that a retried send is deduplicated by the service (120 s window).
   *
   * @param from sender ({@code From_Account}); null sends as the admin
   * @param to recipient ({@code To_Account})
   * @param forbidBeforeCallback adds {@code ForbidBeforeSendMsgCallback}
   * @param forbidAfterCallback adds {@code ForbidAfterSendMsgCallback}
   * @param offlinePushInfo the {@code OfflinePushInfo} object as JSON text, or null
   */
  public record SendMessage(
      String from,
      String to,
      List<MessageElem> elements,
      Long msgSeq,
      Long msgRandom,
      String cloudCustomData,
      Integer syncOtherMachine,
      Integer msgLifeTime,
      boolean forbidBeforeCallback,
      boolean forbidAfterCallback,
      List<String> sendMsgControl,
      boolean needReadReceipt,
      String offlinePushInfo) {

    public SendMessage {
      elements = List.copyOf(Objects.requireNonNull(elements, "elements"));
      if (elements.isEmpty()) {
        throw new IllegalArgumentException("a message needs at least one element");
      }
      sendMsgControl = sendMsgControl == null ? List.of() : List.copyOf(sendMsgControl);
    }

    public static Builder builder() {
      return new Builder();
    }

    /** A plain text message. */
    public static SendMessage text(String from, String to, String text) {
      return builder().from(from).to(to).add(TextElem.of(text)).build();
    }

    public Builder toBuilder() {
      Builder b = new Builder();
      b.from = from;
      b.to = to;
      b.elements.addAll(elements);
      b.msgSeq = msgSeq;
      b.msgRandom = msgRandom;
      b.cloudCustomData = cloudCustomData;
      b.syncOtherMachine = syncOtherMachine;
      b.msgLifeTime = msgLifeTime;
      b.forbidBeforeCallback = forbidBeforeCallback;
      b.forbidAfterCallback = forbidAfterCallback;
      b.sendMsgControl.addAll(sendMsgControl);
      b.needReadReceipt = needReadReceipt;
      b.offlinePushInfo = offlinePushInfo;
      return b;
    }

    /** Builder for {@link SendMessage}. */
    public static final class Builder {
      private String from;
      private String to;
      private final List<MessageElem> elements = new ArrayList<>();
      private Long msgSeq;
      private Long msgRandom;
      private String cloudCustomData;
      private Integer syncOtherMachine;
      private Integer msgLifeTime;
      private boolean forbidBeforeCallback;
      private boolean forbidAfterCallback;
      private final List<String> sendMsgControl = new ArrayList<>();
      private boolean needReadReceipt;
      private String offlinePushInfo;

      private Builder() {}

      public Builder from(String from) {
        this.from = from;
        return this;
      }

      public Builder to(String to) {
        this.to = to;
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

      public Builder msgSeq(Long msgSeq) {
        this.msgSeq = msgSeq;
        return this;
      }

      public Builder msgRandom(Long msgRandom) {
        this.msgRandom = msgRandom;
        return this;
      }

      public Builder cloudCustomData(String cloudCustomData) {
        this.cloudCustomData = cloudCustomData;
        return this;
      }

      public Builder syncOtherMachine(Integer syncOtherMachine) {
        this.syncOtherMachine = syncOtherMachine;
        return this;
      }

      public Builder msgLifeTime(Integer msgLifeTime) {
        this.msgLifeTime = msgLifeTime;
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

      public Builder sendMsgControl(String control) {
        this.sendMsgControl.add(control);
        return this;
      }

      public Builder needReadReceipt(boolean needReadReceipt) {
        this.needReadReceipt = needReadReceipt;
        return this;
      }

      public Builder offlinePushInfo(String offlinePushInfo) {
        this.offlinePushInfo = offlinePushInfo;
        return this;
      }

      public SendMessage build() {
        return new SendMessage(
            from, to, elements, msgSeq, msgRandom, cloudCustomData, syncOtherMachine, msgLifeTime,
            forbidBeforeCallback, forbidAfterCallback, sendMsgControl, needReadReceipt,
            offlinePushInfo);
      }
    }
  }

  /**
   * The answer to a C2C send: {@code MsgKey} (to recall it), the server time, the {@code MsgId}
   * when the service returns one, and the seq/random actually used.
   */
  public record SendResult(String msgKey, Instant msgTime, String msgId, long msgSeq, long msgRandom) {}

  /**
   * The answer to {@code batchsendmsg}, over all the chunks of at most 500 recipients it took:
   * one {@code MsgKey} per chunk and every recipient that failed ({@code SomeError} items, or a
   * whole chunk that failed).
   */
  public record BatchSendResult(List<String> msgKeys, List<ItemResult> failures) {
    public BatchSendResult {
      msgKeys = List.copyOf(msgKeys);
      failures = List.copyOf(failures);
    }

    public boolean allDelivered() {
      return failures.isEmpty();
    }
  }

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

  /**
   * The answer to {@code send_group_msg}. A zero {@code ErrorCode} does not guarantee delivery:
   * {@code MsgDropReason} ({@code MsgFreqCtrl}) says the service dropped it for the 40 msg/s
   * group limit.
   */
  public record GroupSendResult(long msgSeq, Instant msgTime, String msgDropReason, long random) {
    public boolean dropped() {
      return msgDropReason != null && !msgDropReason.isEmpty();
    }
  }
}
