package dev.timbot;

import java.util.Optional;

/**
 * The capability contracts installed plugins provide to each other (Javalin's idea: plugins
 * cooperate through typed contracts, never through each other's classes). Inject it and look a
 * contract up in {@link dev.timbot.Plugin#start} or while handling a message — not in
 * {@code configure}, where the providing plugin may not have registered yet. A contract nobody
 * provides is simply absent: a FAQ-only bot has no {@link HumanHandoff}.
 */
public interface Capabilities {
  <T> Optional<T> find(Class<T> contract);
}
