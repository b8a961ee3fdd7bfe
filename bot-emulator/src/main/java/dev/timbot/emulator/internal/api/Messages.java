package dev.timbot.emulator.internal.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import dev.timbot.emulator.ClientMessage;
import dev.timbot.emulator.internal.store.C2cRecord;
import dev.timbot.emulator.internal.store.GroupRecord;
import dev.timbot.emulator.ImError;
import dev.timbot.message.MessageElem;
import dev.timbot.emulator.internal.wire.ElemCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/** Helpers shared by the C2C and group services: body parsing, size checks, views. */
public final class Messages {
  private Messages() {}

  /**
   * Parses {@code MsgBody}: required, an array of {@code {"MsgType": string, "MsgContent":
   * object}}. Unknown element types are kept as they are. Codes are the caller's (C2C and group
   * document different ones).
   */
  static List<MessageElem> parseBody(JsonNode msgBody, int missingCode, int notArrayCode, int elemCode) {
    if (msgBody == null || msgBody.isNull()) {
      throw new ImError(missingCode, "MsgBody is missing");
    }
    if (!msgBody.isArray()) {
      throw new ImError(notArrayCode, "MsgBody is not an array");
    }
    if (msgBody.isEmpty()) {
      throw new ImError(missingCode, "MsgBody is empty");
    }
    int custom = 0;
    for (JsonNode e : msgBody) {
      if (!e.isObject() || !e.path("MsgType").isTextual() || !e.path("MsgContent").isObject()) {
        throw new ImError(elemCode, "MsgBody element needs a MsgType string and a MsgContent object");
      }
      if ("TIMCustomElem".equals(e.path("MsgType").asText())) {
        custom++;
      }
    }
    if (custom > 1) {
      throw new ImError(elemCode, "at most one TIMCustomElem per message");
    }
    return ElemCodec.read(msgBody, elemCode);
  }

  /** CRC32 of the body's JSON: the content part of the C2C dedupe key. */
  static long crc(List<MessageElem> body) {
    CRC32 crc = new CRC32();
    crc.update(json(body).getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }

  static int size(List<MessageElem> body, String cloudCustomData) {
    return json(body).getBytes(StandardCharsets.UTF_8).length
        + (cloudCustomData == null ? 0 : cloudCustomData.getBytes(StandardCharsets.UTF_8).length);
  }

  static String json(List<MessageElem> body) {
    return ElemCodec.write(body).toString();
  }

  public static ClientMessage view(C2cRecord r, String viewer, boolean peerRead) {
    return new ClientMessage(
        "C2C" + r.peerOf(viewer), r.from(), r.to(), null, r.msgKey(), r.msgId(), r.msgSeq(),
        r.msgRandom(), r.msgTime(), r.recalled() ? List.of() : r.body(), r.cloudCustomData(),
        r.recalled(), peerRead);
  }

  public static ClientMessage view(GroupRecord r) {
    return new ClientMessage(
        r.conversationId(), r.from(), null, r.groupId(), null, null, r.msgSeq(), r.random(),
        r.msgTime(), r.recalled() ? List.of() : r.body(), r.cloudCustomData(), r.recalled(), false);
  }

  /** A u32 as the service generates it. */
  public static long randomU32() {
    return java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 0x1_0000_0000L);
  }

  /** {@code Fail_Account}: present only when something failed (sns and profile APIs). */
  static void failAccounts(ObjectNode out, java.util.List<String> failed) {
    if (!failed.isEmpty()) {
      com.fasterxml.jackson.databind.node.ArrayNode fa = out.putArray("Fail_Account");
      failed.forEach(fa::add);
    }
  }
}
