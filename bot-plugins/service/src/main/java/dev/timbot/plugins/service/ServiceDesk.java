package dev.timbot.plugins.service;

import dev.timbot.message.Message;
import dev.timbot.spi.BotClock;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Instant;
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
 * timers come from a {@link BotClock}. All methods serialise on this object's lock.
 */
public final class ServiceDesk {
  private static final Logger log = LoggerFactory.getLogger(ServiceDesk.class);

  private final DeskParts d;
  private final DeskStore store;
  private final Handoffs handoffs;
  private final DeskRelay relay;
  private final CustomerSide customers;
  private final AgentSide agents;

  private ServiceDesk(Builder b) {
    ServiceConfig config = Objects.requireNonNull(b.config, "config");
    this.store = b.store;
    MeterRegistry meters = b.meters;
    DeskJournal journal = new DeskJournal(store, b.clock, meters, config.stateFlushDelay(), this);
    AtomicInteger queueGauge = new AtomicInteger();
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
    journal.snapshotFrom(this::snapshot);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A message from {@code from} to the bot. Returns true when the desk consumed it (agent chats,
   * customers with a human, in the queue, leaving a message, answering the rating or an offer):
   * the bot's other plugins must then stay silent.
   */
  public synchronized boolean onMessage(String from, Message message) {
    AgentPool.Agent agent = d.agents.get(from);
    return agent != null ? agents.onMessage(agent, message) : customers.onMessage(from, message);
  }

  /** Commands from someone who is not an agent get a clear answer instead of silence. */
  public synchronized boolean rejectAgentCommand(String from, Message message) {
    if (d.agents.isAgent(from) || !AgentCommands.isCommand(message.text())) {
      return false;
    }
    d.say(from, d.texts.agentsOnly());
    return true;
  }

  /** Whether the desk handles {@code customer}'s conversation right now (bot replies muted). */
  public synchronized boolean owns(String customer) {
    return d.sessions.has(customer) || d.waiting.contains(customer) || d.leftMessages.isOpen(customer);
  }

  public boolean isAgent(String account) {
    return d.agents.isAgent(account);
  }

  /** Whether {@code agent} is online and ready (capacity for chats aside), e.g. to ring them. */
  public synchronized boolean isAvailable(String agent) {
    AgentPool.Agent a = d.agents.get(agent);
    return a != null && a.online && a.ready;
  }

  /** The configured agents' accounts. */
  public List<String> agentIds() {
    return d.agents.all().stream().map(a -> a.spec.id()).toList();
  }

  /** The customers {@code agent} is serving now. */
  public synchronized List<String> customersOf(String agent) {
    AgentPool.Agent a = d.agents.get(agent);
    return a == null ? List.of() : List.copyOf(a.customers);
  }

  /** Whether {@code message} asks for a human (configured phrases). */
  public boolean isHandoffRequest(Message message) {
    return d.handoffPhrases.matches(message.text());
  }

  /** Asks for a human for {@code customer}; {@code group} may be null for any agent. */
  public synchronized void requestHandoff(String customer, String group) {
    handoffs.request(customer, group);
  }

  /**
   * The bot could not answer {@code customer}. After the configured misses in a row a human is
   * offered ("reply 1"), or — with {@code offerHandoff} off — the customer is handed over at once.
   */
  public synchronized void faqGaveUp(String customer) {
    handoffs.missed(customer);
  }

  /** The bot answered {@code customer}: the miss streak restarts. */
  public synchronized void faqAnswered(String customer) {
    d.offers.hit(customer);
  }

  /** Presence from {@code State.StateChange} or {@code query_online_status}. */
  public synchronized void onPresence(String account, boolean online) {
    AgentPool.Agent agent = d.agents.get(account);
    if (agent == null || agent.online == online) {
      return;
    }
    agent.online = online;
    if (!online) {
      handoffs.agentOffline(agent);
    }
    handoffs.dispatchQueue();
    d.journal.stateChanged();
  }

  /**
   * {@code from} recalled their message {@code msgKey}: it leaves the agent's context, the
   * transcripts and left messages; a relayed copy not sent yet is never sent, one already sent is
   * recalled on the other side. Returns how many relayed copies it had.
   */
  public synchronized int onRecall(String from, String msgKey) {
    return msgKey == null || msgKey.isEmpty() ? 0 : relay.recall(from, msgKey);
  }

  /** Restores sessions, queue, ratings and their timers from the store. Call once at start. */
  public synchronized void restore() {
    store.loadState().ifPresent(state -> {
      d.restoreSequence(state.sequence());
      Instant now = d.clock.now();
      for (DeskState.OpenSession os : state.sessions()) {
        LiveSession s = LiveSession.restore(os);
        AgentPool.Agent a = d.agents.get(s.agent);
        if (a != null) {
          a.customers.add(s.customer);
          a.current = s.customer;
        }
        d.sessions.open(s);
      }
      state.queue().forEach(q -> d.waiting.restore(q, now));
      state.ratings().forEach(d.ratings::open);
      state.awayAgents().forEach(id -> {
        AgentPool.Agent a = d.agents.get(id);
        if (a != null) {
          a.ready = false;
        }
      });
      state.leaving().forEach(d.leftMessages::restore);
      log.info("desk restored: {} sessions, {} queued, {} ratings pending",
          d.sessions.size(), d.waiting.size(), d.ratings.size());
    });
  }

  /** Writes the state now and cancels the desk's timers (the bot is stopping). */
  public void stop() {
    d.journal.flush();
    synchronized (this) {
      d.sessions.cancelTimers();
      d.waiting.cancelTimers();
    }
  }

  /** Writes the newest state now (it is otherwise written behind, within {@code stateFlushDelay}). */
  public void flush() {
    d.journal.flush();
  }

  public synchronized int queueLength() {
    return d.waiting.size();
  }

  /** The agent serving {@code customer}, if any. */
  public synchronized Optional<String> agentOf(String customer) {
    LiveSession s = d.sessions.get(customer);
    return s == null ? Optional.empty() : Optional.of(s.agent);
  }

  /** 1-based queue position of {@code customer}, or 0. */
  public synchronized int positionOf(String customer) {
    return d.waiting.position(customer);
  }

  private synchronized void onQueueTimeout(String customer) {
    handoffs.queueTimedOut(customer);
  }

  private synchronized void onInactivity(LiveSession s) {
    handoffs.inactive(s);
  }

  /** The state to save; called by the journal under this lock. */
  private DeskState snapshot() {
    List<String> away = d.agents.all().stream().filter(a -> !a.ready).map(a -> a.spec.id()).toList();
    return new DeskState(d.sessions.all().stream().map(LiveSession::snapshot).toList(), d.waiting.entries(),
        d.ratings.snapshot(), away, d.leftMessages.snapshot(), d.sequence());
  }

  static boolean matchesPhrase(String text, List<String> phrases) {
    return new Phrases(phrases).matches(text);
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

    private Builder() {}

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
