package dev.timbot.internal.rest;

import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Calls per second allowed for each API, named {@code service/command}: the rate set for that
 * API, else the default — which the APIs the service itself limits to 100/s never exceed.
 */
final class ApiRateLimits implements ToIntFunction<String> {
  /** The documented lower limits; every other API allows 200 calls/s. */
  private static final Set<String> SLOW_APIS =
      Set.of(
          "im_open_login_svc/multiaccount_import",
          "im_open_login_svc/account_delete",
          "im_open_login_svc/account_check");

  private final int defaultRate;
  private final Map<String, Integer> perApi;

  ApiRateLimits(int defaultRate, Map<String, Integer> perApi) {
    this.defaultRate = defaultRate;
    this.perApi = Map.copyOf(perApi);
  }

  @Override
  public int applyAsInt(String api) {
    return perApi.getOrDefault(api, SLOW_APIS.contains(api) ? Math.min(100, defaultRate) : defaultRate);
  }
}
