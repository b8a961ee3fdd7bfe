package dev.timbot.plugins.calls;

/**
 * v3 has no identities in the payload: every message is the customer's invite with a new action.
 * The invite an agent gets also says who is calling ({@code caller}, a key v3 clients ignore), since
 * the invite itself comes from the bot's account.
 */
final class LegacyV3Dialect implements CallDialect {
  @Override
  public String newLegId() {
    return "";
  }

  @Override
  public String inviteAgent(RelayedCall call, RelayedCall.Leg leg) {
    com.fasterxml.jackson.databind.node.ObjectNode o = call.invite().raw();
    o.put("action", LegacyV3Codec.actionCode(CallAction.INVITE));
    o.remove("code");
    o.put("caller", call.customer());
    return o.toString();
  }

  @Override
  public String cancelAgent(RelayedCall call, RelayedCall.Leg leg) {
    return LegacyV3Codec.echo(call.invite(), CallAction.CANCEL, null);
  }

  @Override
  public String timeoutAgent(RelayedCall call, RelayedCall.Leg leg) {
    return LegacyV3Codec.echo(call.invite(), CallAction.NO_ANSWER, null);
  }

  @Override
  public String acceptCustomer(RelayedCall call) {
    return LegacyV3Codec.echo(call.invite(), CallAction.ACCEPT, null);
  }

  @Override
  public String rejectCustomer(RelayedCall call, boolean busy) {
    return LegacyV3Codec.echo(call.invite(), busy ? CallAction.BUSY : CallAction.REJECT, null);
  }

  @Override
  public String timeoutCustomer(RelayedCall call) {
    return LegacyV3Codec.echo(call.invite(), CallAction.NO_ANSWER, null);
  }

  @Override
  public String hangup(RelayedCall call, String to, int seconds) {
    return LegacyV3Codec.echo(call.invite(), CallAction.HANGUP, seconds);
  }

  @Override
  public String error(RelayedCall call, String to, CallSignal error) {
    return error.raw().toString();
  }

  @Override
  public String busyReply(CallSignal invite) {
    return LegacyV3Codec.echo(invite, CallAction.BUSY, null);
  }

  @Override
  public String cancelStray(String to, CallSignal accept) {
    return LegacyV3Codec.echo(accept, CallAction.CANCEL, null);
  }
}
