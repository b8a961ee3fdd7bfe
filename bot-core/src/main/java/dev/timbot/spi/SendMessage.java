package dev.timbot.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.timbot.message.MessageElem;
import dev.timbot.message.TextElem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
 * @param offlinePushInfo raw {@code OfflinePushInfo} object, or null
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
    JsonNode offlinePushInfo) {

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
    private JsonNode offlinePushInfo;

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

    public Builder offlinePushInfo(JsonNode offlinePushInfo) {
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
