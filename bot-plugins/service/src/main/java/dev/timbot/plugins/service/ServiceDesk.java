package dev.timbot.plugins.service;

import dev.timbot.message.Message;
import dev.timbot.spi.BotClock;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Human handoff for a customer-service bot: customers ask for a human (or the bot keeps missing
 * and they accept the offer of one), the desk assigns the least busy ready agent or queues them
 * (priority, position updates, timeout), relays every message both ways through the bot account,
 * ends sessions (agent, customer, inactivity), asks for a rating, and records it all.
 *
 * <p>A small facade: {@link CustomerSide} and {@link AgentSide} take the messages, {@link
 * Handoffs} runs a handoff's life, {@link DeskRelay} relays and recalls; the state lives in
 * {@link WaitingRoom}, {@link Sessions}, {@link Ratings}, {@link LeftMessages}, {@link
 * HandoffOffers} and {@link AssignmentPolicy}; {@link DeskJournal} records it (state written
 * behind) and {@link DeskSender} sends (in order, never dropping silently). Transport-free:
 * messages come in through {@link #onMessage}, go out through a {@link DeskOutbox}; time and
 * timers come from a {@link BotClock}, and {@link DeskTimerRunner} runs what the timers do. All
 * methods serialise on this object's lock.
 *
 * <p>Several processes may share one desk through the bot's store ({@link Builder#shared}):
 * then every change also holds a lease lock in the store and starts from the newest stored
 * state, and the state is written before the lock is given back ({@link ClusterSync}); timers
 * are armed by every process and act once, in whichever takes the lock first and finds them due.
 * The FAQ's miss streaks and offers of a person ({@link SharedOfferBook}), the recent lines and the
 * relayed copies are kept in the store beside that state, per customer, by compare-and-set.
 * Alone (embedded or memory store), the state is written behind as before.
 */
public final class ServiceDesk {
  private static final Logger log = LoggerFactory.getLogger(ServiceDesk.class);

  private final DeskParts d;
  private final DeskStore store;
  private final Handoffs handoffs;
  private final DeskRelay relay;
  private final CustomerSide customers;
  private final AgentSide agents;
  private final AgentPresence presence;
  private final BooleanSupplier shared;
  private final String instance;
  private final DeskTimerRunner timers;
  private volatile DeskSync sync;

  private ServiceDesk(Builder b) {
    ServiceConfig config = Objects.requireNonNull(b.config, "config");
    this.store = b.store;
    this.shared = b.shared;
    this.instance = b.instance;
    MeterRegistry meters = b.meters;
    this.timers = new DeskTimerRunner(b.clock, () -> sync);
    DeskJournal journal = new DeskJournal(store, b.clock, meters, config.stateFlushDelay(), this);
    AtomicInteger queueGauge = new AtomicInteger();
    // Shared, every instance reports the whole desk's queue (its copy, at most ClusterSync.POLL
    // old): dashboards aggregate it across instances with max, not sum.
    meters.gauge("timbot.service.queue.length", queueGauge);
    // The timers call back into the sides holding this lock.
    WaitingRoom waiting = new WaitingRoom(b.clock, config.queueTimeout(), this::onQueueTimeout, queueGauge);
    Sessions sessions = new Sessions(b.clock, config, this::onInactivity);
    Ratings ratings = new Ratings(b.clock, config.texts(), journal,
        DistributionSummary.builder("timbot.service.csat").register(meters));
    this.d = new DeskParts(config, b.clock, meters, b.open,
        new DeskSender(Objects.requireNonNull(b.outbox, "outbox"), meters), journal, waiting, sessions, ratings);
    this.handoffs = new Handoffs(d);
    this.relay = new DeskRelay(d, new RelayedCopies(b.clock), b.recaller);
    this.customers = new CustomerSide(d, handoffs, relay);
    this.agents = new AgentSide(d, handoffs, relay);
    this.presence = new AgentPresence(d, handoffs, this::onGraceOver);
    journal.snapshotFrom(this::snapshot);
    this.sync = DeskSync.local(this, this::load);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A message from {@code from} to the bot. Returns true when the desk consumed it (agent chats,
   * customers with a human, in the queue, leaving a message, answering the rating or an offer):
   * the bot's other plugins must then stay silent.
   */
  public boolean onMessage(String from, Message message) {
    if (sync instanceof ClusterSync && sync.read(() -> passesBy(from, message))) {
      // Most of a bot's messages: no need to hold the desk across the processes. The recent
      // lines keep themselves consistent (compare-and-set), outside the desk's lock.
      d.history.add(from, from, message.msgKey(), message.elements());
      return false;
    }
    return sync.write(() -> {
      AgentPool.Agent agent = d.agents.get(from);
      return agent != null ? agents.onMessage(agent, message) : customers.onMessage(from, message);
    });
  }

  /**
   * Whether the desk surely leaves {@code message} to the bot: not from an agent, its sender has
   * nothing open at the desk, and it asks for nothing. Only the sender's own conversation (one
   * process at a time) opens something for them; what others change (an agent ending their
   * session) concerns customers who had something open already.
   */
  private boolean passesBy(String from, Message message) {
    return !(d.agents.isAgent(from) || d.sessions.has(from) || d.waiting.contains(from) || d.ratings.has(from)
        || d.leftMessages.isOpen(from) || d.handoffPhrases.matches(message.text())
        || RatingCard.parse(message).isPresent()
        || d.offers.mayTakeUp(from, message.text())); // last: shared, it asks the store
  }

  /** Commands from someone who is not an agent get a clear answer instead of silence. */
  public boolean rejectAgentCommand(String from, Message message) {
    if (d.agents.isAgent(from) || !AgentCommands.isCommand(message.text())) {
      return false;
    }
    d.say(from, d.texts.agentsOnly());
    return true;
  }

  /** Whether the desk handles {@code customer}'s conversation right now (bot replies muted). */
  public boolean owns(String customer) {
    return sync.read(() ->
        d.sessions.has(customer) || d.waiting.contains(customer) || d.leftMessages.isOpen(customer));
  }

  public boolean isAgent(String account) {
    return d.agents.isAgent(account);
  }

  /** Whether {@code agent} is online and ready (capacity for chats aside), e.g. to ring them. */
  public boolean isAvailable(String agent) {
    return sync.read(() -> {
      AgentPool.Agent a = d.agents.get(agent);
      return a != null && a.online && a.ready;
    });
  }

  /** The configured agents' accounts. */
  public List<String> agentIds() {
    return d.agents.all().stream().map(a -> a.spec.id()).toList();
  }

  /** The customers {@code agent} is serving now. */
  public List<String> customersOf(String agent) {
    return sync.read(() -> {
      AgentPool.Agent a = d.agents.get(agent);
      return a == null ? List.<String>of() : List.copyOf(a.customers);
    });
  }

  /** Whether {@code message} asks for a human (configured phrases). */
  public boolean isHandoffRequest(Message message) {
    return d.handoffPhrases.matches(message.text());
  }

  /** Asks for a human for {@code customer}; {@code group} may be null for any agent. */
  public void requestHandoff(String customer, String group) {
    change(() -> handoffs.request(customer, group));
  }

  /**
   * The bot could not answer {@code customer}. After the configured misses in a row a human is
   * offered ("reply 1"), or — with {@code offerHandoff} off — the customer is handed over at once.
   */
  public void faqGaveUp(String customer) {
    change(() -> handoffs.missed(customer));
  }

  /**
   * The bot answered {@code customer}: the miss streak restarts (in every process of a shared
   * desk). Needs no lock of the desk: the streaks keep themselves consistent.
   */
  public void faqAnswered(String customer) {
    d.offers.hit(customer);
  }

  /** Presence from {@code State.StateChange} or {@code query_online_status}. */
  public void onPresence(String account, boolean online) {
    if (!d.agents.isAgent(account)) {
      return;
    }
    change(() -> presence.set(account, online));
  }

  /**
   * {@code agent}'s connection dropped (a reloaded page, a network blip): they count as offline
   * after {@code grace} unless they come back ({@link #onPresence} online) first.
   */
  public void onConnectionLost(String agent, Duration grace) {
    if (!d.agents.isAgent(agent)) {
      return;
    }
    change(() -> presence.connectionLost(agent, grace));
  }

  /**
   * {@code from} recalled their message {@code msgKey}: it leaves the agent's context, the
   * transcripts and left messages; a relayed copy not sent yet is never sent, one already sent is
   * recalled on the other side. Returns how many relayed copies it had.
   */
  public int onRecall(String from, String msgKey) {
    return msgKey == null || msgKey.isEmpty() ? 0 : sync.read(() -> relay.recall(from, msgKey));
  }

  /**
   * Restores sessions, queue, ratings and their timers from the store. Call once at start. A
   * shared desk ({@link Builder#shared}) starts following the other processes from here.
   */
  public void restore() {
    if (shared.getAsBoolean()) {
      if (!(store instanceof KeyedStateDeskStore kv)) {
        throw new IllegalStateException("a desk shared by several processes keeps its state in the bot's store"
            + " (service.store: store), not in " + store.getClass().getSimpleName());
      }
      kv.shareRecords();
      d.history.shareThrough(kv.keySpace());
      d.offers.shareThrough(kv.keySpace());
      relay.shareThrough(kv.keySpace());
      d.journal.writtenBySync();
      sync = new ClusterSync(this, kv, instance, d.clock, d.meters, this::snapshot,
          state -> DeskSnapshots.apply(d, state, true, presence));
    }
    sync.start();
  }

  /** Runs a change of the desk's state that answers nothing. */
  private void change(Runnable op) {
    sync.write(() -> {
      op.run();
      return null;
    });
  }

  /** Loads the state saved by this process before it stopped; presence comes from the service. */
  private void load() {
    store.loadState().ifPresent(state -> {
      DeskSnapshots.apply(d, state, false, presence);
      log.info("desk restored: {} sessions, {} queued, {} ratings pending",
          d.sessions.size(), d.waiting.size(), d.ratings.size());
    });
  }

  /** Writes the state now and cancels the desk's timers (the bot is stopping). */
  public void stop() {
    timers.stop();
    sync.stop();
    d.journal.flush();
    synchronized (this) {
      d.sessions.cancelTimers();
      d.waiting.cancelTimers();
      presence.cancelTimers();
    }
  }

  /** Writes the newest state now (it is otherwise written behind, within {@code stateFlushDelay}). */
  public void flush() {
    d.journal.flush();
  }

  public int queueLength() {
    return sync.read(d.waiting::size);
  }

  /** The agent serving {@code customer}, if any. */
  public Optional<String> agentOf(String customer) {
    return sync.read(() -> {
      LiveSession s = d.sessions.get(customer);
      return s == null ? Optional.<String>empty() : Optional.of(s.agent);
    });
  }

  /** 1-based queue position of {@code customer}, or 0. */
  public int positionOf(String customer) {
    return sync.read(() -> d.waiting.position(customer));
  }

  // The timers' callbacks: each runs again (through the runner) when it cannot run now.

  private void onQueueTimeout(String customer) {
    timers.run(() -> handoffs.queueTimedOut(customer), () -> onQueueTimeout(customer));
  }

  private void onInactivity(String customer) {
    timers.run(() -> handoffs.inactive(customer), () -> onInactivity(customer));
  }

  private void onGraceOver(String agent) {
    timers.run(() -> presence.graceOver(agent), () -> onGraceOver(agent));
  }

  /** The state to save; called under this lock. */
  private DeskState snapshot() {
    return DeskSnapshots.take(d);
  }

  /** Builder for {@link ServiceDesk}. */
  public static final class Builder {
    private ServiceConfig config;
    private DeskOutbox outbox;
    private DeskRecaller recaller = (to, key) -> CompletableFuture.completedFuture(null);
    private BotClock clock = BotClock.system();
    private DeskStore store = new InMemoryDeskStore();
    private BooleanSupplier open = () -> true;
    private MeterRegistry meters = Metrics.globalRegistry;
    private BooleanSupplier shared = () -> false;
    private String instance = "desk-" + ProcessHandle.current().pid() + "-"
        + java.util.UUID.randomUUID().toString().substring(0, 6);

    private Builder() {}

    /**
     * Whether other processes share this desk through the bot's store (asked once, at {@link
     * ServiceDesk#restore()}, when the store is open). Needs a {@link KeyedStateDeskStore}.
     */
    public Builder shared(BooleanSupplier shared) {
      this.shared = shared;
      return this;
    }

    /**
     * This process's name in the shared desk's lock, for operators reading the store (default:
     * {@code desk-<pid>-<random>}).
     */
    public Builder instance(String instance) {
      this.instance = Objects.requireNonNull(instance, "instance");
      return this;
    }

    public Builder config(ServiceConfig config) {
      this.config = config;
      return this;
    }

    public Builder outbox(DeskOutbox outbox) {
      this.outbox = outbox;
      return this;
    }

    /** How relayed copies are recalled when their original is (default: not at all). */
    public Builder recaller(DeskRecaller recaller) {
      this.recaller = recaller;
      return this;
    }

    public Builder clock(BotClock clock) {
      this.clock = clock;
      return this;
    }

    public Builder store(DeskStore store) {
      this.store = store;
      return this;
    }

    /** Working hours: handoffs outside them get the out-of-hours tip and leave-a-message. */
    public Builder openWhen(BooleanSupplier open) {
      this.open = open;
      return this;
    }

    public Builder meterRegistry(MeterRegistry meters) {
      this.meters = meters;
      return this;
    }

    /** Builds the desk; call {@link ServiceDesk#restore()} once the bot can send. */
    public ServiceDesk build() {
      return new ServiceDesk(this);
    }
  }
}
