package dev.timbot.emulator.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.emulator.ImError;
import dev.timbot.emulator.internal.Emulator;
import dev.timbot.emulator.internal.rest.ApiRegistry;
import dev.timbot.emulator.internal.rest.Body;
import dev.timbot.emulator.internal.rest.RestCall;
import dev.timbot.emulator.internal.store.C2cRecord;
import dev.timbot.emulator.internal.wire.ElemCodec;
import dev.timbot.emulator.internal.wire.Wire;
import dev.timbot.message.MessageElem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Stored C2C history: roaming pages ({@code admin_getroammsg}), changing a stored message ({@code
 * modify_c2c_msg}) and a conversation as one viewer sees it (console clients).
 */
public final class C2cHistoryService {
  static final String SVC = C2cSendService.SVC;

  private static final int ROAM_PAGE_BYTES = 13 * 1024;

  private final Emulator em;

  public C2cHistoryService(Emulator em) {
    this.em = em;
  }

  public void register(ApiRegistry r) {
    r.add(SVC, "admin_getroammsg", this::getroammsg)
        .add(SVC, "modify_c2c_msg", this::modify);
  }

  private ObjectNode getroammsg(RestCall call) {
    Body b = call.body();
    // The page's first version named these From_Account / To_Account, and the community SDK
    // (doocs 0.3.x) still sends those: the one pair of old names the emulator keeps accepting.
    String op = b.string(90008, b.has("Operator_Account") ? "Operator_Account" : "From_Account");
    String peer = b.string(90003, b.has("Peer_Account") ? "Peer_Account" : "To_Account");
    if (!em.accounts.exists(op)) {
      throw new ImError(90008, "Operator_Account does not exist");
    }
    int max = b.optInt(90001, 100, "MaxCnt");
    max = Math.max(1, Math.min(max, 100));
    long minTime = b.optLong(90001, "MinTime") == null ? 0 : b.optLong(90001, "MinTime");
    long maxTime = b.optLong(90001, "MaxTime") == null ? Long.MAX_VALUE : b.optLong(90001, "MaxTime");
    String lastKey = b.optString("LastMsgKey");

    List<C2cRecord> all = em.c2c.conversation(op, peer);
    List<C2cRecord> newestFirst = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0; i--) {
      C2cRecord r = all.get(i);
      if (r.visibleTo(op) && r.msgTime() >= minTime && r.msgTime() <= maxTime) {
        newestFirst.add(r);
      }
    }
    int start = 0;
    if (lastKey != null && !lastKey.isEmpty()) {
      for (int i = 0; i < newestFirst.size(); i++) {
        if (newestFirst.get(i).msgKey().equals(lastKey)) {
          start = i + 1;
          break;
        }
      }
    }
    ArrayNode list = Wire.mapper().createArrayNode();
    int bytes = 0;
    int i = start;
    C2cRecord last = null;
    for (; i < newestFirst.size() && list.size() < max; i++) {
      C2cRecord r = newestFirst.get(i);
      ObjectNode item = roamItem(r);
      int size = item.toString().getBytes(StandardCharsets.UTF_8).length;
      if (!list.isEmpty() && bytes + size > ROAM_PAGE_BYTES) {
        break;
      }
      bytes += size;
      list.add(item);
      last = r;
    }
    // Pages walk back in time, but each page lists its messages oldest first, and LastMsgTime /
    // LastMsgKey name the page's oldest (the documented example: its first item is LastMsgKey).
    ArrayNode oldestFirst = Wire.array();
    for (int k = list.size() - 1; k >= 0; k--) {
      oldestFirst.add(list.get(k));
    }
    list = oldestFirst;
    ObjectNode out = Wire.mapper().createObjectNode();
    out.put("Complete", i >= newestFirst.size() ? 1 : 0);
    out.put("MsgCnt", list.size());
    if (last != null) {
      out.put("LastMsgTime", last.msgTime());
      out.put("LastMsgKey", last.msgKey());
    }
    out.set("MsgList", list);
    return out;
  }

  private ObjectNode roamItem(C2cRecord r) {
    ObjectNode item = Wire.mapper().createObjectNode();
    item.put("From_Account", r.from());
    item.put("To_Account", r.to());
    item.put("MsgSeq", r.msgSeq());
    item.put("MsgRandom", r.msgRandom());
    item.put("MsgTimeStamp", r.msgTime());
    item.put("MsgFlagBits", r.msgFlagBits());
    item.put("IsPeerRead", em.c2c.hasReadReceipt(r) ? 1 : 0);
    item.put("MsgKey", r.msgKey());
    item.put("MsgId", r.msgId());
    // A recalled message stays in the list (MsgFlagBits 8) but its content is gone.
    item.set("MsgBody", r.recalled() ? Wire.mapper().createArrayNode() : ElemCodec.write(r.body()));
    if (r.cloudCustomData() != null && !r.recalled()) {
      item.put("CloudCustomData", r.cloudCustomData());
    }
    return item;
  }

  private ObjectNode modify(RestCall call) {
    Body b = call.body();
    String from = b.string(90008, "From_Account");
    String to = b.string(90003, "To_Account");
    String key = b.string(90054, "MsgKey");
    JsonNode bodyNode = b.get("MsgBody");
    List<MessageElem> body = bodyNode == null ? null : Messages.parseBody(bodyNode, 90002, 90007, 90010);
    String ccd = b.optString("CloudCustomData");
    em.c2c.update(from, to, key, r -> r.withContent(body == null ? r.body() : em.mediaLinker.link(body),
            ccd == null ? r.cloudCustomData() : ccd))
        .orElseThrow(() -> new ImError(20022, "message not found"));
    return Wire.mapper().createObjectNode();
  }

  /** The conversation, oldest first, as {@code viewer} sees it. */
  public List<C2cRecord> history(String viewer, String peer) {
    return em.c2c.conversation(viewer, peer).stream().filter(r -> r.visibleTo(viewer)).toList();
  }
}
