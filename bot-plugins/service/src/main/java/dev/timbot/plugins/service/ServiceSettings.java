package dev.timbot.plugins.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.timbot.ConfigSection;
import dev.timbot.BotConfig;
import java.time.Duration;
import java.util.List;

/**
 * The {@code service:} section.
 *
 * <pre>
 * service:
 *   agents:
 *     - { id: agent1, groups: [billing], maxConcurrent: 3 }
 *     - { id: agent2 }
 *   handoffPhrases: [转人工, 人工客服, human, agent]
 *   endPhrases: [结束, bye]
 *   faqGiveUps: 2              # FAQ misses in a row before a human is offered; 0 = never
 *   faqGiveUpAction: offer     # offer ("reply 1 to talk to a person") or handoff (at once)
 *   maxMessageBytes: 6000      # longer relayed texts are split into parts (the sender is told)
 *   queueTimeout: 10m
 *   priorityRules: [ { account: "vip-.*", priority: 9 } ]
 *   inactivityReminder: 5m
 *   inactivityClose: 10m
 *   ratingValidity: 24h
 *   store: store               # "store" (default): the bot's durable store (store.url), namespace
 *                              # "service"; a directory: JSON-lines files + state.json there;
 *                              # "memory": keeps nothing
 *   cluster: auto              # auto (default): share the desk with the other instances when the
 *                              # bot's store is shared (Redis); true / false to decide yourself.
 *                              # Shared: sessions, queue, ratings, FAQ misses and offers, recent
 *                              # lines and relayed copies are all in the store
 *   texts: { queued: "…" }     # any of DeskTexts
 * </pre>
 */
@ConfigSection("service")
public record ServiceSettings(
    @JsonProperty("agents") List<AgentSpec> agents,
    @JsonProperty("maxConcurrent") Integer maxConcurrent,
    @JsonProperty("handoffPhrases") List<String> handoffPhrases,
    @JsonProperty("endPhrases") List<String> endPhrases,
    @JsonProperty("faqGiveUps") Integer faqGiveUps,
    @JsonProperty("faqGiveUpAction") String faqGiveUpAction,
    @JsonProperty("maxMessageBytes") Integer maxMessageBytes,
    @JsonProperty("queueTimeout") String queueTimeout,
    @JsonProperty("priorityRules") List<PriorityRule> priorityRules,
    @JsonProperty("inactivityReminder") String inactivityReminder,
    @JsonProperty("inactivityClose") String inactivityClose,
    @JsonProperty("ratingValidity") String ratingValidity,
    @JsonProperty("store") String store,
    @JsonProperty("texts") DeskTexts texts,
    @JsonProperty("cluster") String cluster) {

  public ServiceSettings {
    agents = agents == null ? List.of() : List.copyOf(agents);
    store = store == null || store.isBlank() ? "store" : store;
    cluster = cluster == null || cluster.isBlank() ? "auto" : cluster.trim().toLowerCase(java.util.Locale.ROOT);
    if (!List.of("auto", "true", "false").contains(cluster)) {
      throw new IllegalArgumentException("service.cluster must be auto, true or false, got '" + cluster + "'");
    }
  }

  /**
   * Whether the desk is shared with other instances, given whether the bot's store is shared by
   * several processes: {@code auto} follows the store; {@code true} needs {@code service.store: store}.
   */
  boolean sharedDesk(boolean storeShared) {
    if (cluster.equals("true") && !store.equalsIgnoreCase("store")) {
      throw new IllegalArgumentException("service.cluster is true, so the desk must keep its state in the"
          + " bot's store: set service.store to store (it is '" + store + "')");
    }
    return cluster.equals("true") || (cluster.equals("auto") && storeShared && store.equalsIgnoreCase("store"));
  }

  /** The desk configuration these stand for; invalid durations or rules fail here, when the plugin is built. */
  public ServiceConfig toConfig() {
    ServiceConfig.Builder b = ServiceConfig.builder().agents(agents)
        .queueTimeout(BotConfig.duration(queueTimeout, Duration.ofMinutes(10)))
        .inactivity(BotConfig.duration(inactivityReminder, Duration.ofMinutes(5)),
            BotConfig.duration(inactivityClose, Duration.ofMinutes(10)))
        .ratingValidity(BotConfig.duration(ratingValidity, Duration.ofHours(24)));
    if (maxConcurrent != null) {
      b.defaultMaxConcurrent(maxConcurrent);
    }
    if (handoffPhrases != null) {
      b.handoffPhrases(handoffPhrases);
    }
    if (endPhrases != null) {
      b.endPhrases(endPhrases);
    }
    if (faqGiveUps != null) {
      b.faqGiveUpsBeforeHandoff(faqGiveUps);
    }
    if (faqGiveUpAction != null) {
      switch (faqGiveUpAction.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "offer" -> b.offerHandoff(true);
        case "handoff" -> b.offerHandoff(false);
        default -> throw new IllegalArgumentException(
            "service.faqGiveUpAction must be 'offer' or 'handoff', got '" + faqGiveUpAction + "'");
      }
    }
    if (maxMessageBytes != null) {
      b.maxMessageBytes(maxMessageBytes);
    }
    if (priorityRules != null) {
      priorityRules.forEach(b::priorityRule);
    }
    if (texts != null) {
      b.texts(texts);
    }
    return b.build();
  }
}
