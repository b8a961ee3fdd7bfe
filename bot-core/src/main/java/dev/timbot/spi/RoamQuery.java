package dev.timbot.spi;

import java.time.Instant;

/**
 * A page request for {@code admin_getroammsg}: the C2C history between {@code operator} and
 * {@code peer}, newest first, within [minTime, maxTime]. To continue, pass the previous page's
 * {@code lastMsgTime} as maxTime and its {@code lastMsgKey}.
 */
public record RoamQuery(
    String operator, String peer, int maxCount, Instant minTime, Instant maxTime, String lastMsgKey) {
  public static RoamQuery of(String operator, String peer, int maxCount, Instant minTime, Instant maxTime) {
    return new RoamQuery(operator, peer, maxCount, minTime, maxTime, null);
  }

  /** The query for the page after {@code page}. */
  public RoamQuery next(RoamPage page) {
    return new RoamQuery(operator, peer, maxCount, minTime, page.lastMsgTime(), page.lastMsgKey());
  }
}
