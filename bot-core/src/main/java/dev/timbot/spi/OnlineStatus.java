package dev.timbot.spi;

import java.util.List;

/**
 * One account's answer from {@code query_online_status}: {@code Online}, {@code PushOnline} or
 * {@code Offline}, with per-platform detail when asked for.
 */
public record OnlineStatus(String account, String status, List<PlatformStatus> detail) {
  public static final String ONLINE = "Online";
  public static final String PUSH_ONLINE = "PushOnline";
  public static final String OFFLINE = "Offline";

  public OnlineStatus {
    detail = detail == null ? List.of() : List.copyOf(detail);
  }

  public boolean online() {
    return ONLINE.equals(status);
  }

  /** One device of an account. */
  public record PlatformStatus(String platform, String status) {}
}
