package dev.timbot.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name=value} options of the harness mains, with defaults at the point of use. */
public final class Args {
  private final Map<String, String> values = new HashMap<>();

  public Args(String[] args) {
    for (String a : args) {
      if (!a.startsWith("--") || !a.contains("=")) {
        throw new IllegalArgumentException("options look like --name=value, got " + a);
      }
      values.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
    }
  }

  public String string(String name, String dflt) {
    return values.getOrDefault(name, dflt);
  }

  public int integer(String name, int dflt) {
    return values.containsKey(name) ? Integer.parseInt(values.get(name)) : dflt;
  }

  /** Seconds, fractions allowed ({@code --step=0.5}). */
  public Duration seconds(String name, double dflt) {
    double s = values.containsKey(name) ? Double.parseDouble(values.get(name)) : dflt;
    return Duration.ofMillis((long) (s * 1000));
  }

  public List<Integer> integers(String name, String dflt) {
    return Arrays.stream(string(name, dflt).split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .map(Integer::parseInt).toList();
  }

  public List<String> strings(String name, String dflt) {
    return Arrays.stream(string(name, dflt).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
