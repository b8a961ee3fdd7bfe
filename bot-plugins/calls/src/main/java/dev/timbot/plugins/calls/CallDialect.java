package dev.timbot.plugins.calls;

/** What the relay says, in one protocol's words. */
interface CallDialect {
  /** A correlation ID for the bot's invitation to {@code agent} (signaling inviteID). */
  String newLegId();

  String inviteAgent(RelayedCall call, RelayedCall.Leg leg);

  String cancelAgent(RelayedCall call, RelayedCall.Leg leg);

  String timeoutAgent(RelayedCall call, RelayedCall.Leg leg);

  String acceptCustomer(RelayedCall call);

  String rejectCustomer(RelayedCall call, boolean busy);

  String timeoutCustomer(RelayedCall call);

  String hangup(RelayedCall call, String to, int seconds);

  /** Forwards an error signal; protocols without one end the call with a hang-up. */
  String error(RelayedCall call, String to, CallSignal error);

  /** The automatic answer to an invite that cannot be taken (caller or agent already busy). */
  String busyReply(CallSignal invite);

  /** Cancels an invitation the relay no longer knows (a late accept). */
  String cancelStray(String to, CallSignal accept);
}
