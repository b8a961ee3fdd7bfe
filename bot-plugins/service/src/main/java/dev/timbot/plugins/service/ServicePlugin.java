package dev.timbot.plugins.service;

import com.google.inject.Inject;
import dev.timbot.Capabilities;
import dev.timbot.HumanHandoff;
import dev.timbot.WorkingHours;
import dev.timbot.spi.BotClock;
import dev.timbot.BotConfig;
import dev.timbot.BotEvent;
import dev.timbot.BotEvents;
import dev.timbot.Context;
import dev.timbot.Messenger;
import dev.timbot.SentMessage;
import dev.timbot.spi.ImAdmin;
import dev.timbot.spi.Store;
import dev.timbot.message.Message;
import dev.timbot.message.Conversation;
import dev.timbot.Handlers;
import dev.timbot.Plugin;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Human handoff as a timbot plugin. An inbound interceptor gives every C2C message to the {@link
 * ServiceDesk} first: agents' chats with the bot, customers talking to a human, waiting in the
 * queue, leaving a message or rating are consumed there, so auto-reply and FAQ stay silent for
 * those conversations. Agent presence comes from {@code USER_STATUS_UPDATED} and, at start, from
 * {@code query_online_status}.
 */
public final class ServicePlugin implements Plugin {
  private static final Logger log = LoggerFactory.getLogger(ServicePlugin.class);
  /** How long a dropped connection may come back before the agent counts as offline. */
  static final java.time.Duration DISCONNECT_GRACE = java.time.Duration.ofSeconds(60);

  private final ServiceDesk desk;
  private final DeskStore store;
  private volatile BooleanSupplier open;
  private volatile Store botStore;
  private final BotClock clock;
  private Capabilities capabilities;
  private final BotEvents events;
  private final ImAdmin im;
  private final List<Predicate<Message>> passThrough = new CopyOnWriteArrayList<>();
  private final String bot;
  private final List<AutoCloseable> subscriptions = new CopyOnWriteArrayList<>();

  @Inject
  public ServicePlugin(ServiceSettings settings, BotConfig botConfig, Messenger messenger, BotClock clock,
      MeterRegistry meters, BotEvents events, ImAdmin im) {
    this(settings, botConfig, messenger, clock, meters, events, im, () -> true);
  }

  /**
   * The bot's durable store: the desk keeps its state there unless {@code service.store} names a
   * directory or {@code memory}. Only looked at when the desk first reads or writes (at {@link
   * #start()}), because the bot opens the store when it starts.
   */
  @Inject
  void store(Store botStore) {
    this.botStore = botStore;
  }

  private DeskStore deskStore(String setting) {
    if (setting.equalsIgnoreCase("memory")) {
      return new InMemoryDeskStore();
    }
    if (setting.equalsIgnoreCase("store")) {
      return new KeyedStateDeskStore(() -> {
        Store s = botStore;
        if (s == null) {
          throw new IllegalStateException("service.store is 'store' but the bot gave the plugin no Store;"
              + " install the plugin through the bot builder, or set service.store to a directory or memory");
        }
        return s.state(KeyedStateDeskStore.NAMESPACE);
      });
    }
    return new JsonFileDeskStore(Path.of(setting));
  }

  /** Finds working hours (the auto-reply plugin's schedule) when they are installed too. */
  @Inject
  void capabilities(Capabilities capabilities) {
    this.capabilities = capabilities;
  }

  /** With working hours: outside them a handoff gets the out-of-hours tip and leave-a-message. */
  public ServicePlugin(ServiceSettings settings, BotConfig botConfig, Messenger messenger, BotClock clock,
      MeterRegistry meters, BotEvents events, ImAdmin im, BooleanSupplier open) {
    this.bot = botConfig.bot().account();
    this.events = events;
    this.im = im;
    this.clock = clock;
    this.store = deskStore(settings.store());
    this.open = open;
    this.desk = ServiceDesk.builder().config(settings.toConfig())
        .outbox((to, elements) -> messenger.send(Conversation.c2c(to), elements).thenApply(SentMessage::msgKey))
        .recaller((to, msgKey) -> im.withdrawMessage(bot, to, msgKey))
        .clock(clock).store(this.store).meterRegistry(meters)
        .openWhen(() -> this.open.getAsBoolean()) // read late: the schedule may be injected after construction
        // Asked at start, once the bot's store is open.
        .shared(() -> settings.sharedDesk(botStore != null && botStore.shared()))
        .build();
  }

  @Override
  public String name() {
    return "service";
  }

  @Override
  public void configure(Handlers on) {
    on.provide(HumanHandoff.class, new DeskHandoff(desk, passThrough));
    on.intercept(chain -> {
      Context ctx = chain.input();
      Message m = ctx.message();
      // Only conversations with the bot: an observer handler elsewhere lets other people's chats through.
      if (ctx.isGroup() || !ctx.self().equals(m.to())) {
        return chain.proceed(ctx);
      }
      if (passThrough.stream().noneMatch(p -> p.test(m))
          && (desk.onMessage(ctx.sender(), m) || desk.rejectAgentCommand(ctx.sender(), m))) {
        // Relayed to an agent: "read" when the agent reads it; anything else the bot has read now.
        if (desk.agentOf(ctx.sender()).isEmpty()) {
          markRead(ctx.sender(), m.time());
        }
        return null; // the desk owns this conversation now
      }
      markRead(ctx.sender(), m.time()); // the bot answers it
      return chain.proceed(ctx);
    });
  }

  @Override
  public void start() {
    // With working hours installed (auto-reply's schedule), they decide when humans are there:
    // outside them a handoff gets the out-of-hours tip and leave-a-message mode.
    if (capabilities != null) {
      capabilities.find(WorkingHours.class).ifPresent(h -> this.open = () -> h.isOpen(clock.now()));
    }
    desk.restore(); // now: its overdue timers may send, and the bot can
    subscriptions.add(events.on(BotEvent.USER_STATUS_UPDATED, this::onStatus));
    subscriptions.add(events.on(BotEvent.MESSAGE_REVOKED, e -> {
      if (e.msgKey() != null && e.operator() != null && !e.operator().equals(bot)) {
        desk.onRecall(e.operator(), e.msgKey());
      }
    }));
    // An agent read the bot's chat, so the customers' relayed messages are read too.
    subscriptions.add(events.on(BotEvent.MESSAGE_READ_BY_PEER, e -> {
      if (desk.isAgent(e.reader())) {
        desk.customersOf(e.reader()).forEach(c -> markRead(c, e.lastReadTime()));
      }
    }));
    if (!desk.agentIds().isEmpty()) {
      im.queryOnlineStatus(desk.agentIds())
          // PushOnline (app in the background) cannot chat, so only Online counts.
          .thenAccept(r -> r.statuses().forEach(s -> desk.onPresence(s.account(), s.online())))
          .exceptionally(e -> {
            log.warn("could not query the agents' online status; waiting for their logins: {}", e.toString());
            return null;
          });
    }
  }

  /** Reports {@code peer}'s messages read by the bot (their console shows "read"). */
  private void markRead(String peer, java.time.Instant upTo) {
    try {
      im.setMessagesRead(bot, peer, upTo == null ? clock.now() : upTo).exceptionally(e -> {
        log.debug("could not report {}'s messages read: {}", peer, e.toString());
        return null;
      });
    } catch (RuntimeException e) {
      log.debug("could not report {}'s messages read: {}", peer, e.toString());
    }
  }

  /**
   * Presence of agents. A lost connection (a reloaded page, a network blip) gets a grace period
   * before the agent's customers are moved; a login within it cancels that. The desk keeps the
   * grace's deadline, so a login handled by another instance cancels it too.
   */
  private void onStatus(BotEvent.UserStatusUpdated e) {
    if (!desk.isAgent(e.userId())) {
      return;
    }
    if ("Disconnect".equals(e.action())) {
      desk.onConnectionLost(e.userId(), DISCONNECT_GRACE);
    } else {
      desk.onPresence(e.userId(), e.online());
    }
  }

  @Override
  public void stop() throws Exception {
    for (AutoCloseable s : subscriptions) {
      s.close();
    }
    subscriptions.clear();
    desk.stop();
    if (store instanceof java.io.Closeable c) {
      c.close();
    }
  }

  /** The desk, for tests and operators' tools; other plugins use {@link HumanHandoff}. */
  public ServiceDesk desk() {
    return desk;
  }
}
