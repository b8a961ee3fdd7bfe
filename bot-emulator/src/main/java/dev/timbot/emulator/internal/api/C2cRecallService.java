package dev.timbot.emulator.internal.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.emulator.ImError;
import dev.timbot.emulator.internal.Emulator;
import dev.timbot.emulator.internal.rest.ApiRegistry;
import dev.timbot.emulator.internal.rest.Body;
import dev.timbot.emulator.internal.rest.RestCall;
import dev.timbot.emulator.internal.store.C2cRecord;
import dev.timbot.emulator.internal.wire.Commands;
import dev.timbot.emulator.internal.wire.Payloads;
import dev.timbot.emulator.internal.wire.Wire;
import java.time.Duration;

/**
 * C2C recall: the admin's {@code admin_msgwithdraw} (no time limit) and a user's own recall
 * within the client limit. Both sides' clients see the message recalled; the after-withdraw
 * callback follows.
 */
public final class C2cRecallService {
  static final String SVC = C2cSendService.SVC;

  private final Emulator em;

  public C2cRecallService(Emulator em) {
    this.em = em;
  }

  public void register(ApiRegistry r) {
    r.add(SVC, "admin_msgwithdraw", this::withdrawRest);
  }

  private ObjectNode withdrawRest(RestCall call) {
    Body b = call.body();
    String from = b.string(90008, "From_Account");
    String to = b.string(90003, "To_Account");
    String key = b.optString("MsgKey");
    if (key == null || key.isEmpty() || key.length() > 50) {
      throw new ImError(90054, "MsgKey is invalid");
    }
    withdraw(from, to, key, call.clientIp(), "RESTAPI");
    return Wire.mapper().createObjectNode();
  }

  /** Recalls {@code msgKey} as the admin: no time limit (documented for admin_msgwithdraw). */
  public void withdraw(String from, String to, String msgKey, String clientIp, String platform) {
    withdraw(from, to, msgKey, clientIp, platform, null);
  }

  /**
   * Recalls {@code msgKey}; {@code clientLimit} non-null = the sender's own client recalling,
   * allowed only within that limit (20016).
   */
  public void withdraw(String from, String to, String msgKey, String clientIp, String platform, Duration clientLimit) {
    C2cRecord r = em.c2c.find(from, to, msgKey)
        .filter(x -> x.from().equals(from) && x.to().equals(to))
        .orElseThrow(() -> new ImError(20022, "the message to recall does not exist"));
    if (r.recalled()) {
      throw new ImError(20023, "the message has already been recalled");
    }
    if (clientLimit != null && em.nowSeconds() - r.msgTime() > clientLimit.toSeconds()) {
      throw new ImError(20016, "the recall time limit has passed");
    }
    C2cRecord recalled = em.c2c.update(from, to, msgKey, C2cRecord::asRecalled).orElseThrow();
    em.clients.recalled(to, Messages.view(recalled, to, em.c2c.isPeerRead(recalled)));
    if (!from.equals(to)) {
      em.clients.recalled(from, Messages.view(recalled, from, em.c2c.isPeerRead(recalled)));
    }
    em.callbacks.after(C2cSendService.lane(from, to), Commands.C2C_AFTER_MSG_WITHDRAW,
        Payloads.msgWithdraw(from, to, msgKey, em.c2c.totalUnread(to), em.eventTime()),
        clientIp, platform);
  }
}
