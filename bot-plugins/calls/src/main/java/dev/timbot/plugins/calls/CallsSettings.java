package dev.timbot.plugins.calls;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.timbot.ConfigSection;
import dev.timbot.BotConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code calls:} section: the ring group, how it rings, the timeouts, and where the call log
 * goes ({@code log: none} turns it off).
 *
 * <pre>
 * calls:
 *   agents: [agent1, agent2]
 *   mode: parallel            # or sequential
 *   perAgentRing: 20s         # sequential only
 *   ringTimeout: 60s          # v3 calls; signaling invites bring their own timeout
 *   maxCallDuration: 2h       # a call with no hang-up by then is closed
 *   log: store                # default: the bot's durable store (namespace calls);
 *                             # a file path: JSON lines there; none: no log
 *   noAgentText: "…"          # told to a caller when no agent can be rung (default bilingual)
 *   missedText: "…"           # told to a caller nobody answered
 *   cluster: auto             # calls in the bot's store when it is shared by several
 *                             # processes (Redis); true: always there; false: in memory
 * </pre>
 */
@ConfigSection("calls")
public record CallsSettings(
    @JsonProperty("agents") List<String> agents,
    @JsonProperty("mode") String mode,
    @JsonProperty("perAgentRing") String perAgentRing,
    @JsonProperty("ringTimeout") String ringTimeout,
    @JsonProperty("maxCallDuration") String maxCallDuration,
    @JsonProperty("log") String log,
    @JsonProperty("noAgentText") String noAgentText,
    @JsonProperty("missedText") String missedText,
    @JsonProperty("cluster") String cluster) {

  public CallsSettings {
    agents = agents == null ? List.of() : List.copyOf(agents);
    mode = mode == null ? "parallel" : mode.trim().toLowerCase(Locale.ROOT);
    if (!mode.equals("parallel") && !mode.equals("sequential")) {
      throw new IllegalArgumentException("mode must be parallel or sequential, got '" + mode + "'");
    }
    log = log == null || log.isBlank() ? "store" : log;
    noAgentText = noAgentText == null
        ? "暂无客服可以接听，请稍后再拨或留言。/ No agent can take your call right now. Please try again later or leave a message."
        : noAgentText;
    cluster = cluster == null || cluster.isBlank() ? "auto" : cluster.trim().toLowerCase(Locale.ROOT);
    if (!cluster.equals("auto") && !cluster.equals("true") && !cluster.equals("false")) {
      throw new IllegalArgumentException("cluster must be auto, true or false, got '" + cluster + "'");
    }
    missedText = missedText == null
        ? "抱歉，客服暂时无人接听，请稍后再拨或留言。/ Sorry, no agent answered. Please try again later or leave a message."
        : missedText;
  }

  /** The relay settings these stand for; invalid durations fail here, when the plugin is configured. */
  public CallRelayConfig relayConfig() {
    Duration ring = BotConfig.duration(ringTimeout, Duration.ofSeconds(60));
    return new CallRelayConfig(agents,
        mode.equals("parallel") ? RingMode.PARALLEL : RingMode.SEQUENTIAL,
        BotConfig.duration(perAgentRing, Duration.ofSeconds(20)), ring, ring,
        BotConfig.duration(maxCallDuration, Duration.ofHours(2)));
  }
}
