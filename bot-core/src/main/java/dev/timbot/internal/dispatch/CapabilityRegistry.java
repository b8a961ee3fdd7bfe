package dev.timbot.internal.dispatch;

import dev.timbot.Capabilities;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The contracts plugins provide with {@code on.provide}; one provider per contract. */
public final class CapabilityRegistry implements Capabilities {
  private final Map<Class<?>, Provided> provided = new ConcurrentHashMap<>();

  private record Provided(String plugin, Object implementation) {}

  <T> void provide(String plugin, Class<T> contract, T implementation) {
    Objects.requireNonNull(contract, "contract");
    if (!contract.isInstance(Objects.requireNonNull(implementation, "implementation"))) {
      throw new IllegalArgumentException(implementation.getClass().getName() + " is not a " + contract.getName());
    }
    Provided earlier = provided.putIfAbsent(contract, new Provided(plugin, implementation));
    if (earlier != null) {
      throw new IllegalStateException(contract.getSimpleName() + " is provided twice: by " + earlier.plugin()
          + " and by " + plugin);
    }
  }

  @Override
  public <T> Optional<T> find(Class<T> contract) {
    Provided p = provided.get(contract);
    return p == null ? Optional.empty() : Optional.of(contract.cast(p.implementation()));
  }
}
