package dev.timbot.plugins.autoreply;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.timbot.spi.BotClock;
import dev.timbot.message.CustomElem;
import dev.timbot.message.Message;
import dev.timbot.message.MessageElem;
import dev.timbot.message.MessageJson;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The auto-reply decisions, free of any transport: which rule answers a message, whether a user
 * is due a welcome, whether a conversation has had this closed period's out-of-hours notice, and
 * whether a user may get the fallback reply again. Per-user memory lives in Caffeine caches that
 * expire on the injected clock, so it stays bounded.
 */
public final class AutoReplyEngine {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static final Duration OUT_OF_HOURS_MEMORY = Duration.ofDays(8);

  private final Supplier<AutoReplyConfig> config;
  private final BotClock clock;
  private final Cache<String, Instant> lastContact;
  private final Cache<String, String> noticedPeriod;
  private final Cache<String, Instant> lastFallback;
  private volatile CompiledRules compiled;

  private record CompiledRules(AutoReplyConfig source, RuleSet rules, WorkingHours hours) {}

  public AutoReplyEngine(Supplier<AutoReplyConfig> config, BotClock clock) {
    this.config = config;
    this.clock = clock;
    AutoReplyConfig c = config.get();
    Duration quiet = c.welcome() == null ? Duration.ofHours(12) : c.welcome().quietPeriod();
    Duration fallbackInterval = c.fallback() == null ? Duration.ofMinutes(10) : c.fallback().interval();
    this.lastContact = Caffeine.newBuilder().ticker(clock::nanoTime).expireAfterWrite(quiet).maximumSize(1_000_000).build();
    this.noticedPeriod = Caffeine.newBuilder().ticker(clock::nanoTime).expireAfterWrite(OUT_OF_HOURS_MEMORY).maximumSize(1_000_000).build();
    this.lastFallback = Caffeine.newBuilder().ticker(clock::nanoTime).expireAfterWrite(fallbackInterval).maximumSize(1_000_000).build();
  }

  /** The welcome to send before anything else, if {@code user} is due one. Records the contact. */
  public Optional<List<MessageElem>> welcome(String user, Message message, Map<String, String> vars) {
    return welcome(user, message, () -> vars);
  }

  /** As above; {@code vars} is only asked for when a reply is rendered (it may look up a profile). */
  public Optional<List<MessageElem>> welcome(String user, Message message, Supplier<Map<String, String>> vars) {
    AutoReplyConfig c = config.get();
    boolean firstOrQuiet = lastContact.getIfPresent(user) == null;
    lastContact.put(user, clock.now());
    if (c.welcome() == null || !(firstOrQuiet || isEnterChatTrigger(message))) {
      return Optional.empty();
    }
    return Optional.of(c.welcome().reply().render(withTime(vars.get())));
  }

  /** The out-of-hours notice, once per conversation per closed period; empty while open. */
  public Optional<List<MessageElem>> outOfHours(String conversationId, Map<String, String> vars) {
    return outOfHours(conversationId, () -> vars);
  }

  /** As above; {@code vars} is only asked for when a reply is rendered (it may look up a profile). */
  public Optional<List<MessageElem>> outOfHours(String conversationId, Supplier<Map<String, String>> vars) {
    CompiledRules r = rules();
    if (r.hours() == null) {
      return Optional.empty();
    }
    Instant now = clock.now();
    if (r.hours().isOpen(now)) {
      return Optional.empty();
    }
    String period = r.hours().closedPeriod(now);
    if (period.equals(noticedPeriod.getIfPresent(conversationId))) {
      return Optional.empty();
    }
    noticedPeriod.put(conversationId, period);
    return Optional.of(r.source().workingHours().outOfHours().render(withTime(vars.get())));
  }

  /** Whether the service is open now (always, without working hours). */
  public boolean isOpen() {
    return isOpen(clock.now());
  }

  /** Whether the service is open at {@code at} (always, without working hours). */
  public boolean isOpen(Instant at) {
    CompiledRules r = rules();
    return r.hours() == null || r.hours().isOpen(at);
  }

  /** The reply of the first matching rule, rendered with captures and {@code vars}. */
  public Optional<List<MessageElem>> answer(Message message, Map<String, String> vars) {
    return answer(message, () -> vars);
  }

  /** As above; {@code vars} is only asked for when a reply is rendered (it may look up a profile). */
  public Optional<List<MessageElem>> answer(Message message, Supplier<Map<String, String>> vars) {
    return rules().rules().match(message).map(m -> {
      Map<String, String> all = new HashMap<>(withTime(vars.get()));
      all.putAll(m.captures());
      return m.rule().reply().render(all);
    });
  }

  /** The rule that would answer, for diagnostics. */
  public Optional<RuleMatch> match(Message message) {
    return rules().rules().match(message);
  }

  /** The fallback reply: the full one first, the {@code repeat} one for misses within the interval. */
  public Optional<List<MessageElem>> fallback(String user, Map<String, String> vars) {
    return fallback(user, () -> vars);
  }

  /** As above; {@code vars} is only asked for when a reply is rendered (it may look up a profile). */
  public Optional<List<MessageElem>> fallback(String user, Supplier<Map<String, String>> vars) {
    AutoReplyConfig c = config.get();
    if (c.fallback() == null) {
      return Optional.empty();
    }
    if (lastFallback.getIfPresent(user) != null) {
      return Optional.of(c.fallback().repeat().render(withTime(vars.get())));
    }
    lastFallback.put(user, clock.now());
    return Optional.of(c.fallback().reply().render(withTime(vars.get())));
  }

  /**
   * The Tencent customer-service plugin's "enter chat" trigger: a custom message whose data has
   * {@code src} 7 (sent by the client when the user opens the chat).
   */
  public static boolean isEnterChatTrigger(Message message) {
    return message.first(CustomElem.class).map(c -> {
      try {
        var json = JSON.readTree(c.data());
        return json != null && "7".equals(json.path("src").asText());
      } catch (Exception e) {
        return false;
      }
    }).orElse(false);
  }

  private CompiledRules rules() {
    AutoReplyConfig c = config.get();
    CompiledRules r = compiled;
    if (r == null || r.source() != c) {
      r = new CompiledRules(c, new RuleSet(c.rules()),
          c.workingHours() == null ? null : WorkingHours.of(c.workingHours()));
      compiled = r;
    }
    return r;
  }

  private Map<String, String> withTime(Map<String, String> vars) {
    CompiledRules r = rules();
    ZoneId zone = r.hours() == null ? ZoneId.systemDefault() : r.hours().zone();
    ZonedDateTime now = clock.now().atZone(zone);
    Map<String, String> all = new HashMap<>(vars);
    all.putIfAbsent("date", now.format(DateTimeFormatter.ISO_LOCAL_DATE));
    all.putIfAbsent("time", now.format(DateTimeFormatter.ofPattern("HH:mm")));
    all.putIfAbsent("datetime", now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
    return all;
  }
}
