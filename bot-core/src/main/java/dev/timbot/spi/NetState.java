package dev.timbot.spi;

/**
 * Reachability of the IM REST API, named after {@code TIM.TYPES.NET_STATE_*}: connected,
 * connecting (a call is being retried after a transport failure), disconnected (retries ran out).
 */
public enum NetState {
  CONNECTED,
  CONNECTING,
  DISCONNECTED
}
