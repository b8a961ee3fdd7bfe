package dev.timbot.plugins.calls;

import com.google.inject.Inject;
import dev.timbot.spi.BotClock;
import dev.timbot.Capabilities;
import dev.timbot.HumanHandoff;
import dev.timbot.BotConfig;
import dev.timbot.BotEvent;
import dev.timbot.BotEvents;
import dev.timbot.Messenger;
import dev.timbot.message.Conversation;
import dev.timbot.message.CustomElem;
import dev.timbot.Handlers;
import dev.timbot.Plugin;
import io.micrometer.core.instrument.MeterRegistry;
import dev.timbot.spi.Store;
import java.nio.file.Path;
import java.util.List;

/**
 * The call-signaling relay as a timbot plugin: decodes both call protocols from custom messages,
 * hands them to a {@link CallRelay} that rings the configured agents, and sends its answers as
 * the bot. Every finished call is logged and emitted as {@link #CALL_ENDED}. When the
 * customer-service plugin is installed too, the agent who owns a customer's chat takes their
 * calls.
 */
public final class CallsPlugin implements Plugin {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CallsPlugin.class);
  /** A relayed call ended (any outcome). */
  public static final BotEvent<CallRecord> CALL_ENDED = BotEvent.custom("CALL_ENDED", CallRecord.class);

  private final CallsSettings settings;
  private final BotConfig bot;
  private final Messenger messenger;
  private final BotClock clock;
  private final MeterRegistry meters;
  private final BotEvents events;
  private Capabilities capabilities;
  private volatile CallRelay relay;
  private CallLog log;
  private volatile Store botStore;

  @Inject
  public CallsPlugin(CallsSettings settings, BotConfig bot, Messenger messenger, BotClock clock,
      MeterRegistry meters, BotEvents events) {
    this.settings = settings;
    this.bot = bot;
    this.messenger = messenger;
    this.clock = clock;
    this.meters = meters;
    this.events = events;
  }

  /** Finds a human desk (the customer-service plugin) when one is installed too. */
  @Inject
  void capabilities(Capabilities capabilities) {
    this.capabilities = capabilities;
  }

  /**
   * The bot's durable store: the call log goes there unless {@code calls.log} names a file or
   * {@code none}. Looked at only when the first call is logged (the bot opens it when it starts).
   */
  @Inject
  void store(Store botStore) {
    this.botStore = botStore;
  }

  private CallLog callLog(String setting) {
    if (setting.equalsIgnoreCase("none")) {
      return CallLog.NONE;
    }
    if (setting.equalsIgnoreCase("store")) {
      return new StoreCallLog(() -> {
        Store s = botStore;
        if (s == null) {
          throw new IllegalStateException("calls.log is 'store' but the bot gave the plugin no Store;"
              + " install the plugin through the bot builder, or set calls.log to a file or none");
        }
        return s.state(StoreCallLog.NAMESPACE);
      });
    }
    return new JsonLinesCallLog(Path.of(setting));
  }

  @Override
  public String name() {
    return "calls";
  }

  @Override
  public void configure(Handlers on) {
    log = callLog(settings.log());
    on.decoder(CallSignal.class, CallSignals::decode);
    on.custom(CallSignal.class, (ctx, signal) -> relay().onSignal(ctx.sender(), signal))
        .c2cOnly().block().name("calls:relay");
    // Fired in one process of those sharing the store, when the calls are kept there.
    on.timers(CallRelay.TIMER_PREFIX, due -> relay().onTimer(due));
  }

  /**
   * The relay, on the bot's store when it is shared ({@code calls.cluster}); decided when the bot
   * starts, because the store opens then.
   */
  private CallRelay buildRelay() {
    CallRelay.Builder b = CallRelay.builder()
        .bot(bot.bot().account())
        .config(settings.relayConfig())
        .clock(clock)
        .meterRegistry(meters)
        .callLog(log)
        .directory(capabilities == null ? AgentDirectory.ALL_AVAILABLE
            : new DeskAgentDirectory(() -> capabilities.find(HumanHandoff.class)))
        .transport((to, protocol, data) -> messenger.send(Conversation.c2c(to), List.of(CustomElem.of(data)))
            .exceptionally(e -> {
              LOG.warn("a call signal to {} was not delivered: {}", to, e.toString());
              return null;
            }))
        .onCallEnded(r -> {
          tellCaller(r);
          events.emit(CALL_ENDED, r);
        });
    Store store = botStore;
    boolean shared = switch (settings.cluster()) {
      case "true" -> true;
      case "false" -> false;
      default -> store != null && store.shared();
    };
    if (shared) {
      if (store == null) {
        throw new IllegalStateException("calls.cluster is true but the bot gave the plugin no Store;"
            + " install the plugin through the bot builder, or set calls.cluster to false");
      }
      try {
        store.timers();
      } catch (UnsupportedOperationException e) {
        throw new IllegalStateException("calls.cluster needs a store with timers: " + e.getMessage(), e);
      }
      b.shared(store);
      LOG.info("calls kept in the bot's store {}, shared with the app's other processes", store.describe());
    }
    return b.build();
  }

  /** A caller whose call found nobody is told why at once, not left with a bare "busy". */
  private void tellCaller(CallRecord r) {
    String text = "no agent available".equals(r.endReason()) ? settings.noAgentText()
        : "no agent answered".equals(r.endReason()) ? settings.missedText() : null;
    if (text != null) {
      messenger.send(Conversation.c2c(r.caller()), text).exceptionally(e -> {
        LOG.warn("could not tell caller {} why their call ended: {}", r.caller(), e.toString());
        return null;
      });
    }
  }

  @Override
  public void start() {
    relay = buildRelay();
    // Calls go through the relay even while an agent owns the customer's chat.
    if (capabilities != null) {
      capabilities.find(HumanHandoff.class).ifPresent(desk ->
          desk.letThrough(m -> m.first(CustomElem.class).flatMap(CallSignals::decode).isPresent()));
    }
  }

  /**
   * Alone, ends calls still ringing or connected and cancels the relay's timers; sharing the store,
   * leaves them to the other processes.
   */
  @Override
  public void stop() throws java.io.IOException {
    if (relay != null) {
      relay.close();
    }
    if (log instanceof java.io.Closeable c) {
      c.close();
    }
  }

  /** The relay (for diagnostics and tests); built when the bot starts. */
  public CallRelay relay() {
    CallRelay r = relay;
    if (r == null) {
      throw new IllegalStateException("the calls relay exists once the bot has started");
    }
    return r;
  }
}
