package dev.timbot.plugins.calls;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The relay's settings.
 *
 * @param agents the ring group, in ring order
 * @param mode parallel or sequential ringing
 * @param perAgentRing how long each agent rings in sequential mode
 * @param legacyRingTimeout how long a v3 call may ring in all (the v3 clients use 60 s)
 * @param signalingDefaultTimeout ring time for a signaling invite whose {@code timeout} is 0
 * @param maxCallDuration a connected call with no hang-up by then is closed (crashed client)
 */
public record CallRelayConfig(
    List<String> agents,
    RingMode mode,
    Duration perAgentRing,
    Duration legacyRingTimeout,
    Duration signalingDefaultTimeout,
    Duration maxCallDuration) {
  public CallRelayConfig {
    agents = List.copyOf(Objects.requireNonNull(agents, "agents"));
    Objects.requireNonNull(mode, "mode");
  }

  /** Parallel ringing with the documented client timeouts and a 2 h maximum call. */
  public static CallRelayConfig parallel(List<String> agents) {
    return new CallRelayConfig(agents, RingMode.PARALLEL, Duration.ofSeconds(20),
        Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofHours(2));
  }

  /** Sequential ringing, {@code perAgent} each. */
  public static CallRelayConfig sequential(List<String> agents, Duration perAgent) {
    return new CallRelayConfig(agents, RingMode.SEQUENTIAL, perAgent,
        Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofHours(2));
  }

  public CallRelayConfig withMaxCallDuration(Duration max) {
    return new CallRelayConfig(agents, mode, perAgentRing, legacyRingTimeout, signalingDefaultTimeout, max);
  }
}
