package dev.timbot.plugins.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The desk's settings. Build with {@link #builder()}; every value has a default except the
 * agents.
 */
public record ServiceConfig(
    List<AgentSpec> agents,
    int defaultMaxConcurrent,
    List<String> handoffPhrases,
    List<String> endPhrases,
    int faqGiveUpsBeforeHandoff,
    Duration queueTimeout,
    List<PriorityRule> priorityRules,
    Duration inactivityReminder,
    Duration inactivityClose,
    Duration ratingValidity,
    int historySize,
    boolean offerHandoff,
    int maxMessageBytes,
    Duration stateFlushDelay,
    DeskTexts texts) {

  public ServiceConfig {
    agents = List.copyOf(Objects.requireNonNull(agents, "agents"));
    handoffPhrases = List.copyOf(handoffPhrases);
    endPhrases = List.copyOf(endPhrases);
    priorityRules = List.copyOf(priorityRules);
    if (!inactivityClose.isNegative() && inactivityClose.compareTo(inactivityReminder) <= 0) {
      throw new IllegalArgumentException("inactivityClose must be after inactivityReminder");
    }
    if (maxMessageBytes < 256) {
      throw new IllegalArgumentException("maxMessageBytes must be at least 256, got " + maxMessageBytes);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder with the documented defaults. */
  public static final class Builder {
    private final List<AgentSpec> agents = new ArrayList<>();
    private int defaultMaxConcurrent = 3;
    private List<String> handoffPhrases = List.of("转人工", "人工客服", "人工服务", "找人工", "human", "agent", "real person");
    private List<String> endPhrases = List.of("结束", "结束会话", "bye", "goodbye", "end chat");
    private int faqGiveUps = 2;
    private Duration queueTimeout = Duration.ofMinutes(10);
    private final List<PriorityRule> priorityRules = new ArrayList<>();
    private Duration reminder = Duration.ofMinutes(5);
    private Duration close = Duration.ofMinutes(10);
    private Duration ratingValidity = Duration.ofHours(24);
    private int historySize = 20;
    private boolean offerHandoff = true;
    private int maxMessageBytes = 6000;
    private Duration stateFlushDelay = Duration.ofSeconds(1);
    private DeskTexts texts = DeskTexts.defaults();

    private Builder() {}

    public Builder agent(AgentSpec agent) {
      agents.add(agent);
      return this;
    }

    public Builder agents(List<AgentSpec> list) {
      agents.addAll(list);
      return this;
    }

    public Builder defaultMaxConcurrent(int n) {
      this.defaultMaxConcurrent = n;
      return this;
    }

    public Builder handoffPhrases(List<String> phrases) {
      this.handoffPhrases = phrases;
      return this;
    }

    public Builder endPhrases(List<String> phrases) {
      this.endPhrases = phrases;
      return this;
    }

    public Builder faqGiveUpsBeforeHandoff(int n) {
      this.faqGiveUps = n;
      return this;
    }

    public Builder queueTimeout(Duration d) {
      this.queueTimeout = d;
      return this;
    }

    public Builder priorityRule(PriorityRule rule) {
      this.priorityRules.add(rule);
      return this;
    }

    public Builder inactivity(Duration reminder, Duration close) {
      this.reminder = reminder;
      this.close = close;
      return this;
    }

    public Builder ratingValidity(Duration d) {
      this.ratingValidity = d;
      return this;
    }

    public Builder historySize(int n) {
      this.historySize = n;
      return this;
    }

    /**
     * After {@link #faqGiveUpsBeforeHandoff} misses: true (default) offers a human ("reply 1"),
     * false hands the customer over at once.
     */
    public Builder offerHandoff(boolean offer) {
      this.offerHandoff = offer;
      return this;
    }

    /**
     * Longest relayed text, in UTF-8 bytes, before it is split into parts (Tencent IM rejects
     * bodies over 8–12 KB; the default leaves room for the JSON around the text).
     */
    public Builder maxMessageBytes(int bytes) {
      this.maxMessageBytes = bytes;
      return this;
    }

    /** How long state changes may wait before {@code state.json} is rewritten (write-behind). */
    public Builder stateFlushDelay(Duration d) {
      this.stateFlushDelay = d;
      return this;
    }

    public Builder texts(DeskTexts texts) {
      this.texts = texts;
      return this;
    }

    public ServiceConfig build() {
      return new ServiceConfig(agents, defaultMaxConcurrent, handoffPhrases, endPhrases, faqGiveUps,
          queueTimeout, priorityRules, reminder, close, ratingValidity, historySize, offerHandoff,
          maxMessageBytes, stateFlushDelay, texts);
    }
  }
}
