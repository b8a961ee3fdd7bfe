package dev.timbot.emulator.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.emulator.ImError;
import dev.timbot.emulator.internal.Emulator;
import dev.timbot.emulator.internal.rest.ApiRegistry;
import dev.timbot.emulator.internal.rest.Body;
import dev.timbot.emulator.internal.rest.RestCall;
import dev.timbot.emulator.internal.wire.Commands;
import dev.timbot.emulator.internal.wire.Payloads;
import dev.timbot.emulator.internal.wire.Wire;
import java.util.List;

/**
 * C2C read state: conversation read marks ({@code admin_set_msg_read} and a client's report),
 * unread counts ({@code get_c2c_unread_msg_num}) and per-message read receipts.
 */
public final class C2cReadService {
  static final String SVC = C2cSendService.SVC;

  private final Emulator em;

  public C2cReadService(Emulator em) {
    this.em = em;
  }

  public void register(ApiRegistry r) {
    r.add(SVC, "admin_set_msg_read", this::setMsgRead)
        .add(SVC, "get_c2c_unread_msg_num", this::unreadNum);
  }

  private ObjectNode setMsgRead(RestCall call) {
    Body b = call.body();
    String reporter = b.string(90008, "Report_Account");
    String peer = b.string(90003, "Peer_Account");
    if (!em.accounts.exists(reporter)) {
      throw new ImError(90008, "Report_Account does not exist");
    }
    if (!em.accounts.exists(peer)) {
      throw new ImError(90003, "Peer_Account does not exist");
    }
    // Documented as a String of UNIX seconds; an integer is read too.
    JsonNode rt = b.get("MsgReadTime");
    Long readTime = null;
    if (rt != null) {
      if (rt.isTextual() && rt.asText().matches("\\d{1,10}")) {
        readTime = Long.parseLong(rt.asText());
      } else if (rt.isIntegralNumber() && rt.canConvertToLong()) {
        readTime = rt.asLong();
      } else {
        throw new ImError(90001, "MsgReadTime must be UNIX seconds");
      }
    }
    markRead(reporter, peer, readTime == null ? em.nowSeconds() : readTime, call.clientIp(), "RESTAPI");
    return Wire.mapper().createObjectNode();
  }

  private ObjectNode unreadNum(RestCall call) {
    Body b = call.body();
    String user = b.string(90003, "To_Account");
    if (!em.accounts.exists(user)) {
      throw new ImError(90003, "To_Account does not exist");
    }
    ObjectNode out = Wire.mapper().createObjectNode();
    out.put("AllC2CUnreadMsgNum", em.c2c.totalUnread(user));
    List<String> peers = b.stringList(90001, "Peer_Account");
    if (peers.size() > 10) {
      throw new ImError(90001, "at most 10 Peer_Account");
    }
    if (!peers.isEmpty()) {
      ArrayNode list = out.putArray("C2CUnreadMsgNumList");
      ArrayNode errors = Wire.mapper().createArrayNode();
      for (String p : peers) {
        if (!em.accounts.exists(p)) {
          errors.addObject().put("Peer_Account", p).put("ErrorCode", 70107);
        } else {
          list.addObject().put("Peer_Account", p).put("C2CUnreadMsgNum", em.c2c.unread(user, p));
        }
      }
      if (!errors.isEmpty()) {
        out.set("ErrorList", errors);
      }
    }
    return out;
  }

  /** {@code reader} read {@code peer}'s messages up to {@code upToTime}; the peer sees a receipt. */
  public void markRead(String reader, String peer, long upToTime, String clientIp, String platform) {
    em.c2c.markRead(reader, peer, upToTime);
    em.clients.peerRead(peer, reader, upToTime);
    em.callbacks.after(C2cSendService.lane(reader, peer), Commands.C2C_AFTER_MSG_REPORT,
        Payloads.msgReport(reader, peer, upToTime, em.c2c.totalUnread(reader), em.eventTime()),
        clientIp, platform);
  }

  /** {@code reader} sends a read receipt for one message of {@code peer} (sets IsPeerRead). */
  public boolean readReceipt(String reader, String peer, String msgKey) {
    return em.c2c.addReadReceipt(reader, peer, msgKey)
        .orElseThrow(() -> new ImError(20022, "the message to acknowledge does not exist"));
  }
}
