package dev.timbot.internal.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.timbot.Bot;
import dev.timbot.BotBuilder;
import dev.timbot.BotConfig;
import dev.timbot.BotEvent;
import dev.timbot.BotEvents;
import dev.timbot.Capabilities;
import dev.timbot.Messenger;
import dev.timbot.Outgoing;
import dev.timbot.Plugin;
import dev.timbot.internal.callback.CallbackReceiver;
import dev.timbot.internal.dispatch.CapabilityRegistry;
import dev.timbot.internal.dispatch.HandlerRegistry;
import dev.timbot.internal.dispatch.LaneExecutor;
import dev.timbot.internal.media.FileMediaStore;
import dev.timbot.internal.rest.ImClientListener;
import dev.timbot.internal.session.AskRegistry;
import dev.timbot.internal.session.PendingAsks;
import dev.timbot.internal.timers.DurableTimers;
import dev.timbot.internal.inbox.JournalPump;
import dev.timbot.internal.inbox.StoreCallbackJournal;
import dev.timbot.internal.outbox.DurableOutbox;
import dev.timbot.internal.outbox.RetrySchedule;
import dev.timbot.internal.session.CaffeineSessionStore;
import dev.timbot.internal.session.StoredSessionStore;
import dev.timbot.internal.store.LazyStore;
import dev.timbot.internal.store.MemoryStore;
import dev.timbot.internal.store.Stores;
import dev.timbot.spi.Store;
import java.time.Duration;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.ImAdmin;
import dev.timbot.spi.ImClient;
import dev.timbot.spi.ImException;
import dev.timbot.spi.ImException.ImErrorCodes;
import dev.timbot.spi.MediaStore;
import dev.timbot.spi.SessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;

/**
 * timbot's runtime, assembled from what was asked of the {@link BotBuilder}: plugins wired with
 * Guice, the dispatcher and its lanes, the inbox and outbox, and the Tencent transport (or the
 * client and intake given instead). Found by the builder through {@code ServiceLoader}.
 */
public final class BotAssembler implements BotBuilder.Assembler {
  /** How long a callback waits for the replies to catch up before it is taken anyway (the service allows 2 s). */
  static final Duration PACE_WAIT = Duration.ofMillis(300);

  @Override
  public Bot.Engine assemble(BotBuilder.Settings s) {
    BotConfig cfg = s.config();
    BotClock clk = s.clock();
    MeterRegistry registry = s.meterRegistry() != null ? s.meterRegistry() : new SimpleMeterRegistry();
    String self = Objects.toString(cfg.bot().account(), "");
    BotConfig.Dispatch d = cfg.dispatch();

    EventBus events = new EventBus();
    BotMetrics metrics = new BotMetrics(registry, self);
    ImClientListener imListener = metrics.imListener(
        state -> events.emit(BotEvent.NET_STATE_CHANGE, new BotEvent.NetStateChange(state)));
    LaneExecutor lanes = new LaneExecutor(d.threads(), d.queueCapacity(), d.maxPending(), "timbot-" + self);
    AtomicReference<Lifecycle> lifecycle = new AtomicReference<>();
    ImClient guarded = GuardedImClient.create(() -> lifecycle.get().client(), () -> lifecycle.get().gate());
    Store given = s.store();
    String url = s.storeUrl() != null ? s.storeUrl() : cfg.store().url();
    LazyStore durable = new LazyStore(() -> given != null ? given : Stores.open(url, clk));
    // memory: keeps today's sessions; any other store keeps them across restarts too.
    boolean inMemory = given != null ? given instanceof MemoryStore : url.trim().startsWith("memory:");
    SessionStore sessions = s.sessionStore() != null ? s.sessionStore()
        : inMemory ? new CaffeineSessionStore(d.sessionTtl(), clk)
        : new StoredSessionStore(() -> durable.state("sessions"), d.sessionTtl(), clk);
    FileMediaStore fileMedia = s.mediaStore() == null ? defaultMediaStore(cfg) : null;
    MediaStore media = s.mediaStore() != null ? s.mediaStore() : fileMedia;

    // Plugins get the Messenger while being wired; the outbox it sends through comes later.
    AtomicReference<DurableOutbox> outboxRef = new AtomicReference<>();
    Messenger messenger = (to, elements) -> {
      DurableOutbox o = outboxRef.get();
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
        // Plugins keep restart-proof state here: store.state("<plugin>") in start(), not in a constructor.
        bind(Store.class).toInstance(durable);
        bind(MediaStore.class).toInstance(media);
        bind(MeterRegistry.class).toInstance(registry);
        bind(BotEvents.class).toInstance(events);
        bind(Messenger.class).toInstance(messenger);
      }
    };
    List<PluginWiring.Spec> specs = specs(s.plugins());
    PluginWiring.Wired wired = PluginWiring.wire(specs, cfg, core, bindings(s.bindings()));
    HandlerRegistry handlers = new HandlerRegistry(capabilities);
    // Register in the order plugins were added, so equal priorities keep the user's order.
    for (PluginWiring.Spec spec : specs) {
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
        (conv, task) -> lanes.submitInternal(conv, dispatcher.get().task("ask-timeout", task)),
        new PendingAsks(() -> durable, clk, e -> events.emit(BotEvent.ASK_EXPIRED, e)));
    DurableTimers timers = new DurableTimers(durable::timers, clk,
        (conv, task) -> lanes.submitInternal(conv, dispatcher.get().task("timer", task)),
        Duration.ofSeconds(1), Duration.ofMinutes(5));
    timers.register(PendingAsks.PREFIX, asks.pendingAsks());
    handlers.timers().forEach((prefix, handler) -> timers.register(prefix, new DurableTimers.Owner() {
      @Override
      public String lane(dev.timbot.spi.Store.TimerStore.Due due) {
        // A lane of the timer's own key: a plugin's handler may wait on its store, and the clock's
        // one thread also runs paced sends and handler deadlines.
        return due.key();
      }

      @Override
      public void fire(dev.timbot.spi.Store.TimerStore.Due due) {
        try {
          handler.fire(due);
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException("timer " + due.key() + " failed: " + e, e);
        }
      }
    }));
    RetrySchedule retry = new RetrySchedule(cfg.store().retryHorizon(), Duration.ofSeconds(1), Duration.ofMinutes(1),
        Duration.ofSeconds(120), Duration.ofHours(1));
    DurableOutbox outbox = new DurableOutbox(durable::outbox, guarded, self, handlers.outboundInterceptors(),
        metrics.sendListener(events), clk, retry);
    outboxRef.set(outbox);
    ProfileCache profiles = new ProfileCache(guarded, d.profileCacheTtl(), clk);
    Services services = new Services(self, clk, guarded, outbox, sessions, asks, profiles,
        new MediaSupport(media), handlers, d.commandPrefixes());
    dispatcher.set(new MessageDispatcher(services, events, metrics, d.handlerTimeout()));
    Inbox inbox = new Inbox(self, events, metrics, lanes, dispatcher.get(), handlers, asks, profiles,
        durable::dedupe, d.dedupeTtl(), // Accepted while stopping too: the receiver drains what it already acknowledged into the
        // lanes, which stop() then drains.
        () -> lifecycle.get().state() == Lifecycle.State.READY
            || lifecycle.get().state() == Lifecycle.State.STOPPING);
    metrics.queueDepth(lanes::pending);
    // Conversations that moved here from a process that died: their sessions may have changed there
    // (read them again), and its unconfirmed replies go out before anything new is handled.
    Runnable forgetSessions = sessions instanceof StoredSessionStore stored ? stored::forgetCached : () -> { };
    Runnable takeOver = () -> {
      forgetSessions.run();
      int resent = outbox.resume(durable.journal()::holds);
      if (resent > 0) {
        LoggerFactory.getLogger(BotAssembler.class).info("took over {} unconfirmed sends of conversations that moved here", resent);
      }
    };
    JournalPump pump = new JournalPump(durable::journal, inbox, outbox::inFlight, cfg.store().maxInFlight(), takeOver);
    metrics.journalBacklog(() -> {
      Store opened = durable.openedOrNull();
      return opened == null ? 0 : opened.journal().backlog();
    });
    Durability durability = new Durability(durable, pump, outbox, timers, self);

    java.util.function.Supplier<CallbackReceiver> endpoint = null;
    Intake intake;
    if (s.externalIntake()) {
      // The application's server calls the endpoint; it hands callbacks on in the caller's thread.
      // Built on first use: missing settings are reported then (or by start()), not by build().
      endpoint = Memo.of(() -> {
        cfg.require("tim.sdkAppId");
        return CallbackReceiver.builder().sdkAppId(cfg.tim().sdkAppId()).token(cfg.callback().token())
            .clock(clk).executor(Runnable::run).sink(inbox::accept).meterRegistry(registry).build();
      });
      intake = Intake.EXTERNAL;
    } else {
      // The bot's own server journals every callback before answering it (DESIGN.md §6).
      // Acknowledged-but-unanswered work beyond two heaps' worth (store.maxInFlight) slows the
      // acknowledgements down to the pace of the replies (issue 15).
      ReplyPacer pacer = new ReplyPacer(() -> {
        Store opened = durable.openedOrNull();
        return (opened == null ? 0 : opened.journal().backlog()) + outbox.inFlight();
      }, 2L * cfg.store().maxInFlight(), PACE_WAIT);
      intake = TencentWiring.callbackServer(cfg, fileMedia, clk, registry,
          new StoreCallbackJournal(durable::journal, pump, cfg.store().maxBacklog(), metrics::backlogFull, self),
          pacer);
    }
    ImClient override = s.imClient();
    lifecycle.set(new Lifecycle(cfg,
        override != null ? () -> override : () -> TencentWiring.client(cfg, imListener, clk, durable::rateLimitIfOpen),
        wired.startOrder(), events, lanes, durability, clk, intake, () -> inbox::accept, override == null));
    return new BotEngine(cfg, events, lanes, lifecycle.get(), guarded, outbox, media, registry, endpoint);
  }

  private static List<PluginWiring.Spec> specs(List<Object> plugins) {
    List<PluginWiring.Spec> specs = new ArrayList<>();
    for (Object p : plugins) {
      if (p instanceof Plugin instance) {
        specs.add(new PluginWiring.Spec(instance, null));
      } else {
        @SuppressWarnings("unchecked")
        Class<? extends Plugin> type = (Class<? extends Plugin>) p;
        specs.add(new PluginWiring.Spec(null, type));
      }
    }
    return specs;
  }

  private static List<Module> bindings(List<BotBuilder.Binding<?>> bindings) {
    List<Module> modules = new ArrayList<>();
    for (BotBuilder.Binding<?> b : bindings) {
      modules.add(binder -> bindTo(binder, b));
    }
    return modules;
  }

  private static <T> void bindTo(com.google.inject.Binder binder, BotBuilder.Binding<T> b) {
    binder.bind(b.type()).toInstance(b.instance());
  }

  private static FileMediaStore defaultMediaStore(BotConfig cfg) {
    String base = cfg.media().publicBaseUrl();
    if (base == null) {
      String host = cfg.callback().host();
      if (host.equals("0.0.0.0") || host.equals("::")) {
        host = "127.0.0.1";
        LoggerFactory.getLogger(BotAssembler.class).debug(
            "media.publicBaseUrl is not set: media URLs use {}, which only local clients can reach", host);
      }
      base = "http://" + host + ":" + cfg.callback().port() + cfg.media().path();
    }
    return new FileMediaStore(Path.of(cfg.media().dir()), base);
  }
}
