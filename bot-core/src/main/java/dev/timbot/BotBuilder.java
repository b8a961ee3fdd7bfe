package dev.timbot;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.MediaStore;
import dev.timbot.spi.SessionStore;
import dev.timbot.spi.VirtualClock;
import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.timbot.spi.ImAdmin;
import dev.timbot.spi.ImClient;
import dev.timbot.internal.rest.ImClientListener;
import dev.timbot.internal.dispatch.CapabilityRegistry;
import dev.timbot.internal.dispatch.HandlerRegistry;
import dev.timbot.internal.dispatch.LaneExecutor;
import dev.timbot.internal.dispatch.MessageDispatcher;
import dev.timbot.internal.media.FileMediaStore;
import dev.timbot.internal.runtime.BotMetrics;
import dev.timbot.internal.runtime.EventBus;
import dev.timbot.internal.runtime.GuardedImClient;
import dev.timbot.internal.runtime.Inbox;
import dev.timbot.internal.runtime.Intake;
import dev.timbot.internal.runtime.Lifecycle;
import dev.timbot.internal.runtime.MediaSupport;
import dev.timbot.internal.runtime.Outbox;
import dev.timbot.internal.runtime.PluginWiring;
import dev.timbot.internal.runtime.ProfileCache;
import dev.timbot.internal.runtime.Services;
import dev.timbot.internal.runtime.TencentWiring;
import dev.timbot.internal.session.AskRegistry;
import dev.timbot.internal.session.CaffeineSessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import dev.timbot.spi.ImException.ImErrorCodes;
import dev.timbot.spi.ImException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link Bot}. Only the configuration is needed; everything else has a production
 * default (the Tencent REST client and callback server built from config, the system clock, an
 * in-memory session store, a file media store, a simple meter registry).
 */
public final class BotBuilder {
  private BotConfig config;
  private final List<PluginWiring.Spec> plugins = new ArrayList<>();
  private final List<Module> modules = new ArrayList<>();
  private ImClient imClient;
  private BotClock clock;
  private MeterRegistry meterRegistry;
  private SessionStore sessionStore;
  private MediaStore mediaStore;
  private boolean externalIntake;

  BotBuilder() {}

  public BotBuilder config(BotConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    return this;
  }

  /** Adds a plugin instance (members are injected). */
  public BotBuilder plugin(Plugin plugin) {
    plugins.add(new PluginWiring.Spec(Objects.requireNonNull(plugin, "plugin"), null));
    return this;
  }

  /** Adds a plugin Guice constructs (constructor injection). */
  public BotBuilder plugin(Class<? extends Plugin> pluginClass) {
    plugins.add(new PluginWiring.Spec(null, Objects.requireNonNull(pluginClass, "pluginClass")));
    return this;
  }

  /**
   * Makes {@code instance} injectable as {@code type} into every plugin (an application's own
   * services: a repository, an HTTP client, a feature-flag source).
   */
  public <T> BotBuilder bind(Class<T> type, T instance) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(instance, "instance");
    modules.add(binder -> binder.bind(type).toInstance(instance));
    return this;
  }

  /** Uses this IM client instead of building the Tencent REST client from {@code tim.*}. */
  public BotBuilder imClient(ImClient imClient) {
    this.imClient = Objects.requireNonNull(imClient, "imClient");
    return this;
  }

  /** The source of all time (timeouts, TTLs, cooldowns); {@link VirtualClock} in tests. */
  public BotBuilder clock(BotClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  public BotBuilder meterRegistry(MeterRegistry meterRegistry) {
    this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
    return this;
  }

  public BotBuilder sessionStore(SessionStore sessionStore) {
    this.sessionStore = Objects.requireNonNull(sessionStore, "sessionStore");
    return this;
  }

  public BotBuilder mediaStore(MediaStore mediaStore) {
    this.mediaStore = Objects.requireNonNull(mediaStore, "mediaStore");
    return this;
  }

  /**
   * Do not start a callback server: the application passes callbacks to {@link
   * Bot#callbackSink()} itself (its own HTTP server, a receiver shared by several bots, tests).
   */
  public BotBuilder externalIntake() {
    this.externalIntake = true;
    return this;
  }

  /**
   * Wires plugins (Guice) and the runtime. Fails on invalid plugin config (naming the key), a
   * plugin that cannot be created, or a dependency cycle. Missing connection settings are
   * reported by {@link Bot#start()}.
   */
  public Bot build() {
    BotConfig cfg = config != null ? config : BotConfig.fromEnv();
    BotClock clk = clock != null ? clock : BotClock.system();
    MeterRegistry registry = meterRegistry != null ? meterRegistry : new SimpleMeterRegistry();
    String self = Objects.toString(cfg.bot().account(), "");
    BotConfig.Dispatch d = cfg.dispatch();

    EventBus events = new EventBus();
    BotMetrics metrics = new BotMetrics(registry, self);
    ImClientListener imListener = metrics.imListener(
        state -> events.emit(BotEvent.NET_STATE_CHANGE, new BotEvent.NetStateChange(state)));
    LaneExecutor lanes = new LaneExecutor(d.threads(), d.queueCapacity(), d.maxPending(), "timbot-" + self);
    AtomicReference<Lifecycle> lifecycle = new AtomicReference<>();
    ImClient guarded = GuardedImClient.create(() -> lifecycle.get().client(), () -> lifecycle.get().gate());
    SessionStore sessions = sessionStore != null ? sessionStore : new CaffeineSessionStore(d.sessionTtl(), clk);
    FileMediaStore fileMedia = mediaStore == null ? defaultMediaStore(cfg) : null;
    MediaStore media = mediaStore != null ? mediaStore : fileMedia;

    // Plugins get the Messenger while being wired; the outbox it sends through comes later.
    AtomicReference<Outbox> outboxRef = new AtomicReference<>();
    Messenger messenger = (to, elements) -> {
      Outbox o = outboxRef.get();
      return o == null
          ? CompletableFuture.failedFuture(new ImException(ImErrorCodes.SDK_NOT_INITIALIZED, "the bot is not built yet"))
          : o.send(new Outgoing(to, List.copyOf(elements), null));
    };
    CapabilityRegistry capabilities = new CapabilityRegistry();
    Module core = new AbstractModule() {
      @Override
      protected void configure() {
        bind(Capabilities.class).toInstance(capabilities);
        bind(ImAdmin.class).toInstance(guarded); // sends go through Messenger and the outbox
        bind(BotClock.class).toInstance(clk);
        bind(BotConfig.class).toInstance(cfg);
        bind(SessionStore.class).toInstance(sessions);
        bind(MediaStore.class).toInstance(media);
        bind(MeterRegistry.class).toInstance(registry);
        bind(BotEvents.class).toInstance(events);
        bind(Messenger.class).toInstance(messenger);
      }
    };
    PluginWiring.Wired wired = PluginWiring.wire(plugins, cfg, core, modules);
    HandlerRegistry handlers = new HandlerRegistry(capabilities);
    // Register in the order plugins were added, so equal priorities keep the user's order.
    for (PluginWiring.Spec spec : plugins) {
      Plugin p = wired.injector().getInstance(spec.pluginClass());
      try {
        p.configure(handlers.forPlugin(p.name()));
      } catch (RuntimeException e) {
        throw new IllegalStateException("plugin " + p.name() + " failed to configure: " + e.getMessage(), e);
      }
    }
    handlers.freeze();

    AtomicReference<MessageDispatcher> dispatcher = new AtomicReference<>();
    // The timeout runs in the conversation's lane even when it is full: never beside a handler.
    AskRegistry asks = new AskRegistry(clk,
        (conv, task) -> lanes.submitInternal(conv, dispatcher.get().task("ask-timeout", task)));
    Outbox outbox = new Outbox(guarded, self, handlers.outboundInterceptors(), metrics, events);
    outboxRef.set(outbox);
    ProfileCache profiles = new ProfileCache(guarded, d.profileCacheTtl(), clk);
    Services services = new Services(self, clk, guarded, outbox, sessions, asks, profiles,
        new MediaSupport(media), handlers, d.commandPrefixes());
    dispatcher.set(new MessageDispatcher(services, events, metrics, d.handlerTimeout()));
    Inbox inbox = new Inbox(self, events, metrics, lanes, dispatcher.get(), handlers, asks, profiles, clk,
        d.dedupeTtl(), // Accepted while stopping too: the receiver drains what it already acknowledged into the
        // lanes, which stop() then drains.
        () -> lifecycle.get().state() == Lifecycle.State.READY
            || lifecycle.get().state() == Lifecycle.State.STOPPING);
    metrics.queueDepth(lanes::pending);

    Intake intake = externalIntake ? Intake.EXTERNAL : TencentWiring.callbackServer(cfg, fileMedia, clk, registry);
    ImClient override = imClient;
    lifecycle.set(new Lifecycle(cfg,
        override != null ? () -> override : () -> TencentWiring.client(cfg, imListener, clk),
        wired.startOrder(), events, lanes, () -> outbox, clk, intake, () -> inbox::accept, override == null));
    return new Bot(cfg, events, inbox, lanes, lifecycle.get(), guarded, outbox, media, registry, imListener);
  }

  private static FileMediaStore defaultMediaStore(BotConfig cfg) {
    String base = cfg.media().publicBaseUrl();
    if (base == null) {
      String host = cfg.callback().host();
      if (host.equals("0.0.0.0") || host.equals("::")) {
        host = "127.0.0.1";
        LoggerFactory.getLogger(BotBuilder.class).debug(
            "media.publicBaseUrl is not set: media URLs use {}, which only local clients can reach", host);
      }
      base = "http://" + host + ":" + cfg.callback().port() + cfg.media().path();
    }
    return new FileMediaStore(Path.of(cfg.media().dir()), base);
  }
}
