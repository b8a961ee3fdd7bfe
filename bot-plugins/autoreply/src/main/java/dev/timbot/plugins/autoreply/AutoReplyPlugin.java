package dev.timbot.plugins.autoreply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.inject.Inject;
import dev.timbot.Capabilities;
import dev.timbot.HumanHandoff;
import dev.timbot.WorkingHours;
import dev.timbot.spi.BotClock;
import dev.timbot.BotConfig;
import dev.timbot.BotEvent;
import dev.timbot.BotEvents;
import dev.timbot.Context;
import dev.timbot.spi.ImAdmin.UserProfile;
import dev.timbot.Handlers;
import dev.timbot.Plugin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Auto-reply as a timbot plugin. Rules come from the {@code autoreply:} section, or from a file
 * named there ({@code autoreply: { file: rules.yaml, poll: 2s }}) that is re-read when it
 * changes — a broken version keeps the old rules and is reported as an {@code ERROR} event with
 * its line.
 *
 * <p>Priorities (lower runs first): the "enter chat" trigger −20 (blocks), welcome and
 * out-of-hours −10 (never block), rules 10 (block), the fallback {@value #FALLBACK_PRIORITY} —
 * after the FAQ plugin (20) has had its turn.
 */
public final class AutoReplyPlugin implements Plugin {
  public static final int RULE_PRIORITY = 10;
  public static final int FALLBACK_PRIORITY = 1000;
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Duration PROFILE_WAIT = Duration.ofSeconds(2);

  private final Supplier<AutoReplyConfig> config;
  private final AutoReplyEngine engine;
  private Capabilities capabilities;

  @Inject
  public AutoReplyPlugin(BotConfig botConfig, BotClock clock, BotEvents events) throws ConfigException {
    this(load(AutoReplyConfigs.section(botConfig.rawSection("autoreply")), clock, events), clock);
  }

  /** With rules given directly (tests, programmatic bots). */
  public AutoReplyPlugin(Supplier<AutoReplyConfig> config, BotClock clock) {
    this.config = config;
    this.engine = new AutoReplyEngine(config, clock);
  }

  /** Finds a human desk when one is installed: its agents are never greeted or answered as customers. */
  @Inject
  void capabilities(Capabilities capabilities) {
    this.capabilities = capabilities;
  }

  @Override
  public String name() {
    return "autoreply";
  }

  private boolean fromAgent(Context ctx) {
    return capabilities != null
        && capabilities.find(HumanHandoff.class).map(d -> d.isAgent(ctx.sender())).orElse(false);
  }

  @Override
  public void configure(Handlers on) {
    on.provide(WorkingHours.class, engine::isOpen);
    on.when(AutoReplyEngine::isEnterChatTrigger, ctx -> {
          if (!fromAgent(ctx)) {
            engine.welcome(ctx.sender(), ctx.message(), vars(ctx)).ifPresent(ctx::reply);
          }
        })
        .c2cOnly().priority(-20).block().name("autoreply:enter-chat");
    on.message(ctx -> {
          if (fromAgent(ctx)) {
            return; // an agent (e.g. accepting a call) is staff, not a customer to greet
          }
          Supplier<Map<String, String>> vars = vars(ctx);
          engine.welcome(ctx.sender(), ctx.message(), vars).ifPresent(ctx::reply);
          engine.outOfHours(ctx.conversation().conversationId(), vars).ifPresent(ctx::reply);
        })
        .c2cOnly().priority(-10).name("autoreply:welcome");
    on.when(m -> engine.match(m).isPresent(), ctx -> {
          if (!fromAgent(ctx)) {
            engine.answer(ctx.message(), vars(ctx)).ifPresent(ctx::reply);
          }
        })
        .priority(RULE_PRIORITY).block().name("autoreply:rules");
    on.message(ctx -> {
          if (!fromAgent(ctx)) {
            engine.fallback(ctx.sender(), vars(ctx)).ifPresent(ctx::reply);
          }
        })
        .c2cOnly().priority(FALLBACK_PRIORITY).name("autoreply:fallback");
  }

  /** The engine (working hours for other plugins, diagnostics). */
  public AutoReplyEngine engine() {
    return engine;
  }

  /**
   * Template variables, looked up once and only if a reply is rendered: {@code userId}, and
   * {@code nick} from the sender's (cached) profile.
   */
  private static Supplier<Map<String, String>> vars(Context ctx) {
    AtomicReference<Map<String, String>> memo = new AtomicReference<>();
    return () -> memo.updateAndGet(v -> v != null ? v : lookUpVars(ctx));
  }

  private static Map<String, String> lookUpVars(Context ctx) {
    String nick = ctx.sender();
    try {
      UserProfile p = ctx.senderProfile().get(PROFILE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (p != null && p.nick() != null && !p.nick().isBlank()) {
        nick = p.nick();
      }
    } catch (Exception e) {
      // No profile: greet by user ID rather than fail the reply.
    }
    return Map.of("userId", ctx.sender(), "nick", nick);
  }

  private static Supplier<AutoReplyConfig> load(JsonNode section, BotClock clock, BotEvents events)
      throws ConfigException {
    if (section == null || section.isNull() || section.isMissingNode()) {
      AutoReplyConfig empty = AutoReplyConfig.empty();
      return () -> empty;
    }
    if (section.has("file")) {
      Path file = Path.of(section.get("file").asText());
      Duration poll = BotConfig.duration(section.path("poll").asText(null), Duration.ofSeconds(2));
      ReloadingFile<AutoReplyConfig> rules = new ReloadingFile<>(file, AutoReplyConfigs::parse, clock, poll,
          e -> events.emit(BotEvent.ERROR, new BotEvent.BotError(BotEvent.BotError.Kind.PLUGIN_FAILED, 0,
              "autoreply rules not reloaded: " + e.getMessage(), e, null, "autoreply")));
      return rules::get;
    }
    try {
      AutoReplyConfig c = AutoReplyConfigs.parse(YAML.writeValueAsString(section), "autoreply section");
      return () -> c;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ConfigException("autoreply section: " + e.getOriginalMessage(), 0, e);
    }
  }

}
