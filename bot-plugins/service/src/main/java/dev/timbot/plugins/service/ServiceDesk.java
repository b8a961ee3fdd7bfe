package dev.timbot.plugins.service;

import dev.timbot.spi.BotClock;
import dev.timbot.message.Message;
import dev.timbot.message.MessageElem;
import dev.timbot.message.TextElem;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * <p>A facade over its collaborators — {@link WaitingRoom}, {@link AssignmentPolicy}, {@link
 * Sessions}, {@link Ratings}, {@link LeftMessages}, {@link HandoffOffers}, {@link DeskJournal}
 * (write-behind state) and {@link DeskSender} (ordered sends, no silent drops). Transport-free:
 * messages come in through {@link #onMessage}, go out through a {@link DeskOutbox}; time and
 * timers come from a {@link BotClock}. All methods serialise on this object's lock.
 */
public final class ServiceDesk {
  private static final Logger log = LoggerFactory.getLogger(ServiceDesk.class);

  private final ServiceConfig config;
  private final DeskTexts texts;
  private final BotClock clock;
  private final BooleanSupplier open;
  private final DeskStore store;
  private final MeterRegistry meters;
  private final DeskRecaller recaller;
  private final AgentPool agents;
  private final AssignmentPolicy policy;
  private final Phrases handoffPhrases;
  private final Phrases endPhrases;
  private final DeskSender sender;
  private final DeskJournal journal;
  private final WaitingRoom waiting;
  private final Sessions sessions;
  private final Ratings ratings;
  private final LeftMessages leftMessages;
  private final HandoffOffers offers;
  private final RecentHistory history;
  private final RelayedCopies copies;
  private final AgentCommands commands = new AgentCommands(this);
  private long sequence;

  private ServiceDesk(Builder b) {
    this.config = Objects.requireNonNull(b.config, "config");
    this.texts = config.texts();
    this.clock = b.clock;
    this.open = b.open;
    this.meters = b.meters;
    this.recaller = b.recaller;
    this.policy = new AssignmentPolicy(config);
    this.agents = policy.agents();
    this.handoffPhrases = new Phrases(config.handoffPhrases());
    this.endPhrases = new Phrases(config.endPhrases());
    this.sender = new DeskSender(Objects.requireNonNull(b.outbox, "outbox"), meters);
    this.journal = new DeskJournal(b.store, clock, meters, config.stateFlushDelay(), this);
    this.journal.snapshotFrom(this::snapshot);
    AtomicInteger queueGauge = new AtomicInteger();
    meters.gauge("timbot.service.queue.length", queueGauge);
    this.waiting = new WaitingRoom(clock, config.queueTimeout(), this::onQueueTimeout, queueGauge);
    this.sessions = new Sessions(clock, config, this::onInactivity);
    this.ratings = new Ratings(clock, texts, journal,
        DistributionSummary.builder("timbot.service.csat").register(meters));
    this.leftMessages = new LeftMessages(clock);
    this.offers = new HandoffOffers(clock, config.faqGiveUpsBeforeHandoff());
    this.history = new RecentHistory(clock, config.historySize());
    this.copies = new RelayedCopies(clock);
    this.store = b.store;
  }

  public static Builder builder() {
    return new Builder();
  }

  // --- inputs ----------------------------------------------------------------------------------

  /**
   * A message from {@code from} to the bot. Returns true when the desk consumed it (agent chats,
   * customers with a human, in the queue, leaving a message, answering the rating or an offer):
   * the bot's other plugins must then stay silent.
   */
  public synchronized boolean onMessage(String from, Message message) {
    AgentPool.Agent agent = agents.get(from);
    return agent != null ? onAgentMessage(agent, message) : onCustomerMessage(from, message);
  }

  /** Whether the desk handles {@code customer}'s conversation right now (bot replies muted). */
  public synchronized boolean owns(String customer) {
    return sessions.has(customer) || waiting.contains(customer) || leftMessages.isOpen(customer);
  }

  public boolean isAgent(String account) {
    return agents.isAgent(account);
  }

  /** Whether {@code agent} is online and ready (capacity for chats aside), e.g. to ring them. */
  public synchronized boolean isAvailable(String agent) {
    AgentPool.Agent a = agents.get(agent);
    return a != null && a.online && a.ready;
  }

  /** Whether any configured agent is online (ready or not). */
  public synchronized boolean anyAgentOnline() {
    return agents.anyOnline(null);
  }

  /** The configured agents' accounts. */
  public List<String> agentIds() {
    return agents.all().stream().map(a -> a.spec.id()).toList();
  }

  /** The customers {@code agent} is serving now. */
  public synchronized List<String> customersOf(String agent) {
    AgentPool.Agent a = agents.get(agent);
    return a == null ? List.of() : List.copyOf(a.customers);
  }

  /** Whether {@code message} asks for a human (configured phrases). */
  public boolean isHandoffRequest(Message message) {
    return handoffPhrases.matches(message.text());
  }

  /** Asks for a human for {@code customer}; {@code group} may be null for any agent. */
  public synchronized void requestHandoff(String customer, String group) {
    if (sessions.has(customer)) {
      say(customer, texts.alreadyServed());
      return;
    }
    if (waiting.contains(customer)) {
      say(customer, DeskTexts.fill(texts.queued(), "position", waiting.position(customer)));
      return;
    }
    offers.clear(customer);
    leftMessages.close(customer);
    Instant now = clock.now();
    if (!open.getAsBoolean()) {
      handoffResult("out_of_hours");
      leave(customer, texts.outOfHours());
      return;
    }
    if (!agents.anyOnline(group)) {
      handoffResult("no_agent");
      leave(customer, texts.noAgentOnline());
      return;
    }
    Optional<AgentPool.Agent> agent = policy.pick(group);
    if (agent.isPresent()) {
      handoffResult("assigned");
      assign(customer, agent.get(), group, now);
    } else {
      handoffResult("queued");
      enqueue(new DeskState.QueuedCustomer(customer, group, policy.priorityOf(customer), false, now, now, ++sequence));
    }
    journal.stateChanged();
  }

  /**
   * The bot could not answer {@code customer}. After the configured misses in a row a human is
   * offered ("reply 1"), or — with {@code offerHandoff} off — the customer is handed over at once.
   */
  public synchronized void faqGaveUp(String customer) {
    if (agents.isAgent(customer) || !offers.miss(customer)) { // agents are never offered a human
      return;
    }
    if (config.offerHandoff()) {
      offers.offer(customer);
      say(customer, texts.handoffOffer());
    } else {
      requestHandoff(customer, null);
    }
  }

  /** The bot answered {@code customer}: the miss streak restarts. */
  public synchronized void faqAnswered(String customer) {
    offers.hit(customer);
  }

  /** Presence from {@code State.StateChange} or {@code query_online_status}. */
  public synchronized void onPresence(String account, boolean online) {
    AgentPool.Agent agent = agents.get(account);
    if (agent == null || agent.online == online) {
      return;
    }
    agent.online = online;
    if (!online) {
      for (String customer : new ArrayList<>(agent.customers)) {
        LiveSession s = sessions.get(customer);
        closeSession(s, "agent went offline");
        say(customer, texts.agentWentOffline());
        enqueue(new DeskState.QueuedCustomer(customer, s.group, policy.priorityOf(customer), true,
            s.requestedAt, clock.now(), ++sequence));
      }
    }
    dispatchQueue();
    journal.stateChanged();
  }

  /**
   * {@code from} recalled their message {@code msgKey}: it leaves the agent's context, the
   * transcripts and left messages; a relayed copy not sent yet is never sent, one already sent is
   * recalled on the other side. Returns how many sent copies are being recalled.
   */
  public synchronized int onRecall(String from, String msgKey) {
    if (msgKey == null || msgKey.isEmpty()) {
      return 0;
    }
    history.remove(from, msgKey);
    for (LiveSession s : sessions.all()) {
      if (s.agent.equals(from)) {
        history.remove(s.customer, msgKey);
      }
    }
    journal.forget(msgKey);
    int recalled = 0;
    for (RelayedCopies.Copy copy : copies.withdraw(msgKey)) {
      recalled++;
      copy.msgKey().thenAccept(key -> {
        if (key != null) {
          recaller.recall(copy.to(), key).exceptionally(e -> {
            log.warn("desk: the relayed copy {} to {} could not be recalled: {}", key, copy.to(), e.toString());
            return null;
          });
        }
      });
    }
    return recalled;
  }

  /** Restores sessions, queue, ratings and their timers from the store. Call once at start. */
  public synchronized void restore() {
    store.loadState().ifPresent(state -> {
      sequence = state.sequence();
      Instant now = clock.now();
      for (DeskState.OpenSession os : state.sessions()) {
        LiveSession s = LiveSession.restore(os);
        AgentPool.Agent a = agents.get(s.agent);
        if (a != null) {
          a.customers.add(s.customer);
          a.current = s.customer;
        }
        sessions.open(s);
      }
      state.queue().forEach(q -> waiting.restore(q, now));
      state.ratings().forEach(ratings::open);
      state.awayAgents().forEach(id -> {
        AgentPool.Agent a = agents.get(id);
        if (a != null) {
          a.ready = false;
        }
      });
      state.leaving().forEach(leftMessages::restore);
      log.info("desk restored: {} sessions, {} queued, {} ratings pending",
          sessions.size(), waiting.size(), ratings.size());
    });
  }

  /** Writes the state now and cancels the desk's timers (the bot is stopping). */
  public void stop() {
    journal.flush();
    synchronized (this) {
      sessions.cancelTimers();
      waiting.cancelTimers();
    }
  }

  /** Writes the newest state now (it is otherwise written behind, within {@code stateFlushDelay}). */
  public void flush() {
    journal.flush();
  }

  public synchronized int queueLength() {
    return waiting.size();
  }

  /** The agent serving {@code customer}, if any. */
  public synchronized Optional<String> agentOf(String customer) {
    LiveSession s = sessions.get(customer);
    return s == null ? Optional.empty() : Optional.of(s.agent);
  }

  /** 1-based queue position of {@code customer}, or 0. */
  public synchronized int positionOf(String customer) {
    return waiting.position(customer);
  }

  // --- customers -------------------------------------------------------------------------------

  private boolean onCustomerMessage(String customer, Message message) {
    history.add(customer, customer, message.msgKey(), message.elements());
    LiveSession session = sessions.get(customer);
    if (session != null) {
      if (endPhrases.matches(message.text())) {
        end(customer, "ended by customer");
        return true;
      }
      relay(customer, session.agent, message, prefixed(customer, message.elements()));
      transcript(session, "customer", customer, session.agent, message);
      sessions.touch(session);
      journal.stateChanged();
      return true;
    }
    if (waiting.contains(customer)) {
      if (endPhrases.matches(message.text())) {
        waiting.remove(customer);
        say(customer, texts.endedForCustomer());
        dispatchQueue();
        journal.stateChanged();
      } else {
        // Never silence: they learn where they stand; the agent sees the message in /history.
        say(customer, DeskTexts.fill(texts.queued(), "position", waiting.position(customer)));
      }
      return true;
    }
    Optional<RatingCard.Answer> answer = RatingCard.parse(message);
    if (answer.isPresent() && ratings.answer(customer, answer.get(), this::say)) {
      return true;
    }
    if (isHandoffRequest(message) || offers.accepts(customer, message.text())) {
      requestHandoff(customer, null);
      return true;
    }
    if (leftMessages.isOpen(customer)) {
      journal.messageLeft(customer, message.msgKey(), message.elements());
      say(customer, texts.messageLeft());
      return true;
    }
    return false;
  }

  // --- agents ----------------------------------------------------------------------------------

  private boolean onAgentMessage(AgentPool.Agent agent, Message message) {
    String currentBefore = agent.current;
    if (!agent.online) {
      agent.online = true; // they are writing to us, so they are online
      dispatchQueue();
    }
    String text = message.text();
    if (message.elements().size() == 1 && AgentCommands.isCommand(text)) {
      String reply = commands.run(agent, text);
      if (!reply.isEmpty()) {
        say(agent.spec.id(), reply);
      }
      journal.stateChanged();
      return true;
    }
    if (text.trim().startsWith("/") && message.elements().size() == 1) {
      return false; // another plugin's command (e.g. /faq-reload): let the bot handle it
    }
    if (currentBefore == null && agent.current != null) {
      // Coming online just gave them a customer; this message was written before they knew.
      say(agent.spec.id(), "You now have " + agent.current + "; please send that again if it was for them.");
      return true;
    }
    LiveSession session = agent.current == null ? null : sessions.get(agent.current);
    if (session == null) {
      say(agent.spec.id(), "You have no active customer. " + AgentCommands.HELP);
      return true;
    }
    relay(agent.spec.id(), session.customer, message, message.elements());
    history.add(session.customer, agent.spec.id(), message.msgKey(), message.elements());
    transcript(session, "agent", agent.spec.id(), session.customer, message);
    sessions.touch(session);
    journal.stateChanged();
    return true;
  }

  /** Commands from someone who is not an agent get a clear answer instead of silence. */
  public synchronized boolean rejectAgentCommand(String from, Message message) {
    if (agents.isAgent(from) || !AgentCommands.isCommand(message.text())) {
      return false;
    }
    say(from, texts.agentsOnly());
    return true;
  }

  String acceptNext(AgentPool.Agent agent) {
    if (!agent.hasCapacity()) {
      return "You are already serving " + agent.customers.size() + " customers (your maximum).";
    }
    Optional<DeskState.QueuedCustomer> next = waiting.firstFor(agent);
    if (next.isEmpty()) {
      return "Nobody is waiting.";
    }
    waiting.remove(next.get().customer());
    assign(next.get().customer(), agent, next.get().group(), next.get().requestedAt());
    notifyPositions();
    return "";
  }

  String transfer(String customer, String fromAgent, String target) {
    LiveSession s = sessions.get(customer);
    AgentPool.Agent targetAgent = agents.get(target);
    if (targetAgent != null) {
      if (target.equals(fromAgent)) {
        return "That is you.";
      }
      if (!targetAgent.available(null)) {
        return target + " is not available; try a group instead.";
      }
      closeSession(s, "transferred to " + target);
      say(customer, texts.transferred());
      assign(customer, targetAgent, s.group, s.requestedAt);
      return "Transferred " + customer + " to " + target + ".";
    }
    if (!agents.knowsGroup(target)) {
      return "No agent or group called '" + target + "'.";
    }
    closeSession(s, "transferred to group " + target);
    say(customer, texts.transferred());
    enqueue(new DeskState.QueuedCustomer(customer, target, policy.priorityOf(customer), true, s.requestedAt,
        clock.now(), ++sequence));
    return "Transferred " + customer + " to group " + target + ".";
  }

  void note(String customer, String agent, String text) {
    LiveSession s = sessions.get(customer);
    s.notes.add(text);
    journal.transcript(s.sessionId, "note", agent, null, null, List.of(TextElem.of(text)));
  }

  List<String> history(String customer) {
    return history.of(customer);
  }

  int queueSize() {
    return waiting.size();
  }

  // --- sessions --------------------------------------------------------------------------------

  private void assign(String customer, AgentPool.Agent agent, String group, Instant requestedAt) {
    Instant now = clock.now();
    LiveSession s = new LiveSession("s-" + now.toEpochMilli() + "-" + (++sequence), customer,
        agent.spec.id(), group, requestedAt, now);
    agent.customers.add(customer);
    // Never move an agent's conversation under their fingers: a reply meant for the customer
    // they are talking to must not reach the new one.
    boolean becomesCurrent = agent.current == null;
    if (becomesCurrent) {
      agent.current = customer;
    }
    long waited = Duration.between(requestedAt, now).getSeconds();
    meters.timer("timbot.service.wait").record(Duration.between(requestedAt, now));
    meters.counter("timbot.service.sessions", "agent", agent.spec.id()).increment();
    say(customer, DeskTexts.fill(texts.assignedToCustomer(), "agent", agent.spec.id()));
    List<String> context = history(customer);
    String recent = context.isEmpty() ? "" : "\nRecent:\n"
        + String.join("\n", context.subList(Math.max(0, context.size() - 5), context.size()));
    say(agent.spec.id(), DeskTexts.fill(texts.assignedToAgent(), "customer", customer, "wait", waited) + recent
        + (becomesCurrent ? "" : "\nYou are still talking to " + agent.current + "; /switch " + customer
            + " to answer " + customer + "."));
    journal.transcript(s.sessionId, "system", null, null, null, List.of(TextElem.of("assigned to " + agent.spec.id())));
    sessions.open(s);
  }

  /** Ends {@code customer}'s session, tells both sides, and asks for a rating (one card). */
  void end(String customer, String reason) {
    LiveSession s = sessions.get(customer);
    if (s == null) {
      return;
    }
    closeSession(s, reason);
    say(customer, texts.endedForCustomer());
    Instant expires = clock.now().plus(config.ratingValidity());
    ratings.open(new DeskState.PendingRating(s.sessionId, customer, s.agent, expires, false));
    // One prompt: the card carries the "reply 1–5" text for clients that cannot show cards.
    sender.say(customer, List.of(RatingCard.menu(s.sessionId, texts.ratingPrompt(), expires,
        (int) Math.max(1, config.ratingValidity().toHours()))));
    say(s.agent, DeskTexts.fill(texts.endedForAgent(), "customer", customer));
    dispatchQueue();
    journal.stateChanged();
  }

  /** Removes a session and writes its record; the caller decides what to tell whom. */
  private void closeSession(LiveSession s, String reason) {
    sessions.close(s);
    AgentPool.Agent a = agents.get(s.agent);
    if (a != null) {
      a.customers.remove(s.customer);
      if (s.customer.equals(a.current)) {
        a.current = a.customers.isEmpty() ? null : a.customers.iterator().next();
        if (a.current != null) {
          say(a.spec.id(), "Now talking to " + a.current + ".");
        }
      }
    }
    Instant now = clock.now();
    journal.sessionEnded(new SessionRecord(s.sessionId, s.customer, s.agent, s.group, s.requestedAt,
        s.startedAt, now, Duration.between(s.requestedAt, s.startedAt).getSeconds(), reason, null, s.notes));
    journal.transcript(s.sessionId, "system", null, null, null, List.of(TextElem.of("ended: " + reason)));
  }

  private synchronized void onInactivity(LiveSession s) {
    if (!sessions.isCurrent(s)) {
      return;
    }
    if (!clock.now().isBefore(s.lastActivity.plus(config.inactivityClose()))) {
      end(s.customer, "inactive for " + config.inactivityClose().toMinutes() + " min");
      return;
    }
    if (!s.reminded) {
      s.reminded = true;
      long left = config.inactivityClose().minus(config.inactivityReminder()).toMinutes();
      say(s.customer, DeskTexts.fill(texts.reminder(), "minutes", left));
      sessions.schedule(s);
      journal.stateChanged();
    }
  }

  // --- queue -----------------------------------------------------------------------------------

  private void enqueue(DeskState.QueuedCustomer entry) {
    int position = waiting.add(entry);
    say(entry.customer(), DeskTexts.fill(texts.queued(), "position", position));
    dispatchQueue();
    notifyPositions();
  }

  /** Assigns waiting customers to agents who can take them. */
  void dispatchQueue() {
    boolean changed = false;
    for (DeskState.QueuedCustomer q : waiting.entries()) {
      Optional<AgentPool.Agent> agent = policy.pick(q.group());
      if (agent.isPresent()) {
        waiting.remove(q.customer());
        assign(q.customer(), agent.get(), q.group(), q.requestedAt());
        changed = true;
      }
    }
    if (changed) {
      notifyPositions();
    }
  }

  /** Tells each waiting customer their new position when it moved. */
  private void notifyPositions() {
    waiting.moved().forEach(m -> say(m.customer(), DeskTexts.fill(texts.positionUpdate(), "position", m.position())));
  }

  private synchronized void onQueueTimeout(String customer) {
    if (!waiting.contains(customer)) {
      return;
    }
    waiting.remove(customer);
    meters.counter("timbot.service.queue.timeouts").increment();
    leave(customer, texts.queueTimeout());
    notifyPositions();
  }

  // --- helpers ---------------------------------------------------------------------------------

  /**
   * Relays {@code original} from {@code from} to {@code to}: split to the service's size limit
   * (the sender is told), in order, skipped if recalled before its turn, recallable afterwards;
   * a rejected part is logged and the sender told it did not arrive.
   */
  private void relay(String from, String to, Message original, List<MessageElem> elements) {
    List<List<MessageElem>> parts = MessageSplitter.split(elements, config.maxMessageBytes());
    String key = original.msgKey();
    for (int i = 0; i < parts.size(); i++) {
      List<MessageElem> part = parts.size() == 1 ? parts.get(0) : numbered(parts.get(i), i + 1, parts.size());
      CompletableFuture<String> copy = sender.send(to, part, () -> copies.isWithdrawn(key),
          e -> say(from, DeskTexts.fill(texts.notDelivered(), "reason", reason(e))));
      copies.add(key, to, copy);
    }
    if (parts.size() > 1) {
      log.info("desk: a {}-byte message from {} went to {} in {} parts", MessageSplitter.utf8(original.text()),
          from, to, parts.size());
      say(from, DeskTexts.fill(texts.splitNotice(), "parts", parts.size()));
    }
  }

  private static List<MessageElem> numbered(List<MessageElem> part, int n, int of) {
    if (part.size() == 1 && part.get(0) instanceof TextElem t) {
      return List.of(TextElem.of("(" + n + "/" + of + ") " + t.text()));
    }
    return part;
  }

  private static String reason(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private void leave(String customer, String text) {
    leftMessages.open(customer);
    say(customer, text);
    journal.stateChanged();
  }

  /** Tells the agent who wrote: into the first text element, or as a text before a picture or card. */
  static List<MessageElem> prefixed(String customer, List<MessageElem> elements) {
    String prefix = "[" + customer + "] ";
    List<MessageElem> out = new ArrayList<>(elements);
    if (!out.isEmpty() && out.get(0) instanceof TextElem first) {
      out.set(0, TextElem.of(prefix + first.text()));
    } else {
      out.add(0, TextElem.of(prefix));
    }
    return out;
  }

  private void handoffResult(String result) {
    meters.counter("timbot.service.handoffs", "result", result).increment();
  }

  private void say(String to, String text) {
    sender.say(to, List.of(TextElem.of(text)));
  }

  private void transcript(LiveSession s, String kind, String from, String to, Message m) {
    journal.transcript(s.sessionId, kind, from, to, m.msgKey(), m.elements());
  }

  /** The state to save; called by the journal under this lock. */
  private DeskState snapshot() {
    List<String> away = agents.all().stream().filter(a -> !a.ready).map(a -> a.spec.id()).toList();
    return new DeskState(sessions.all().stream().map(LiveSession::snapshot).toList(), waiting.entries(),
        ratings.snapshot(), away, leftMessages.snapshot(), sequence);
  }

  static boolean matchesPhrase(String text, List<String> phrases) {
    return new Phrases(phrases).matches(text);
  }

  /** Recalls a copy the bot sent: {@code to} is the copy's recipient, {@code msgKey} its key. */
  @FunctionalInterface
  public interface DeskRecaller {
    CompletableFuture<Void> recall(String to, String msgKey);
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
