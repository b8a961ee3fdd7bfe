package dev.timbot.emulator.internal.rest;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** REST commands by {@code service/command}. */
public final class ApiRegistry {
  private final Map<String, RestApi> apis = new TreeMap<>();

  public ApiRegistry add(String service, String command, RestApi api) {
    apis.put(service + "/" + command, api);
    return this;
  }

  public Optional<RestApi> find(String service, String command) {
    return Optional.ofNullable(apis.get(service + "/" + command));
  }

  /** Every registered {@code service/command}, sorted. */
  public java.util.Set<String> names() {
    return apis.keySet();
  }
}
