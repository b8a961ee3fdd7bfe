package dev.timbot.plugins.calls;

import java.util.List;
import java.util.UUID;

/**
 * The bot as a back-to-back party: it is the invitee of the customer's invitation and the
 * inviter of one new invitation per agent (same room), and answers each side in its own
 * invitation's terms.
 */
final class SignalingDialect implements CallDialect {
  private final String bot;

  SignalingDialect(String bot) {
    this.bot = bot;
  }

  @Override
  public String newLegId() {
    return "timbot-" + UUID.randomUUID();
  }

  @Override
  public String inviteAgent(RelayedCall call, RelayedCall.Leg leg) {
    // The invite comes from the bot's account: its payload names the real caller (an extra key
    // that clients ignore), so an agent's client can show who is calling.
    com.fasterxml.jackson.databind.node.ObjectNode payload = call.invite().payload();
    payload.put("caller", call.customer());
    return SignalingCodec.envelope(leg.legId(), bot, SignalingCodec.INVITE, List.of(leg.agent()),
        payload, call.ringTimeoutSeconds(), "");
  }

  @Override
  public String cancelAgent(RelayedCall call, RelayedCall.Leg leg) {
    return SignalingCodec.envelope(leg.legId(), bot, SignalingCodec.CANCEL, List.of(leg.agent()),
        SignalingCodec.payload(call.mediaType(), call.invite().roomId(), "", "", ""), 0, "");
  }

  @Override
  public String timeoutAgent(RelayedCall call, RelayedCall.Leg leg) {
    return SignalingCodec.envelope(leg.legId(), bot, SignalingCodec.TIMEOUT, List.of(leg.agent()),
        call.invite().payload(), 0, "");
  }

  @Override
  public String acceptCustomer(RelayedCall call) {
    return customerEnvelope(call, SignalingCodec.ACCEPT,
        SignalingCodec.payload(call.mediaType(), call.invite().roomId(), "", "", ""));
  }

  @Override
  public String rejectCustomer(RelayedCall call, boolean busy) {
    return customerEnvelope(call, SignalingCodec.REJECT, busy
        ? SignalingCodec.busyPayload(call.mediaType(), call.invite().roomId())
        : SignalingCodec.payload(call.mediaType(), call.invite().roomId(), "", "", ""));
  }

  @Override
  public String timeoutCustomer(RelayedCall call) {
    return customerEnvelope(call, SignalingCodec.TIMEOUT, call.invite().payload());
  }

  @Override
  public String hangup(RelayedCall call, String to, int seconds) {
    return SignalingCodec.envelope(newLegId(), bot, SignalingCodec.INVITE, List.of(to),
        SignalingCodec.hangupPayload(call.mediaType(), call.invite().roomId(), seconds), 0, "");
  }

  @Override
  public String error(RelayedCall call, String to, CallSignal error) {
    return hangup(call, to, 0);
  }

  @Override
  public String busyReply(CallSignal invite) {
    return SignalingCodec.envelope(invite.callId(), invite.caller(), SignalingCodec.REJECT,
        List.of(bot), SignalingCodec.busyPayload(invite.mediaType(), invite.roomId()), 0,
        invite.groupId());
  }

  @Override
  public String cancelStray(String to, CallSignal accept) {
    return SignalingCodec.envelope(accept.callId(), bot, SignalingCodec.CANCEL, List.of(to),
        SignalingCodec.payload(accept.mediaType(), accept.roomId(), "", "", ""), 0, "");
  }

  /** A message in the customer's own invitation: the customer is the inviter, the bot the invitee. */
  private String customerEnvelope(RelayedCall call, int actionType, com.fasterxml.jackson.databind.node.ObjectNode payload) {
    CallSignal invite = call.invite();
    return SignalingCodec.envelope(invite.callId(), invite.caller() == null ? call.customer() : invite.caller(),
        actionType, List.of(bot), payload, 0, invite.groupId());
  }
}
