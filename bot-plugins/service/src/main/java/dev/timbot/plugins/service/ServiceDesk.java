package dev.timbot.plugins.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.timbot.spi.BotClock;
import dev.timbot.message.Message;
import dev.timbot.message.MessageElem;
import dev.timbot.message.TextElem;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Human handoff for a customer-service bot: customers ask for a human (or the FAQ gives up),
 * the desk assigns the least busy ready agent or queues them (priority, position updates,
 * timeout), relays every message both ways through the bot account, ends sessions (agent,
 * customer, inactivity), asks for a rating, and writes records through a {@link DeskStore}.
 *
 * <p>Transport-free: messages come in through {@link #onMessage}, go out through a {@link
 * DeskOutbox}; time and timers come from a {@link BotClock}. All methods serialise on one lock.
 * With a persistent store, sessions, queue, ratings and their timers survive a restart.
 */
public final class ServiceDesk {
  private static final Logger log = LoggerFactory.getLogger(ServiceDesk.class);
  /** How long a customer stays in leave-a-message mode after being asked to leave one. */
  static final Duration LEAVE_MESSAGE_WINDOW = Duration.ofMinutes(30);

  private final ServiceConfig config;
  private final DeskTexts texts;
  private final DeskOutbox out;
  private final BotClock clock;
  private final DeskStore store;
  private final BooleanSupplier open;
  private final MeterRegistry meters;
  private final AgentPool agents;
  private final Phrases handoffPhrases;
  private final Phrases endPhrases;
  private final List<Map.Entry<Pattern, Integer>> priorityRules;
  private final WaitingQueue queue = new WaitingQueue();
  private final AgentCommands commands = new AgentCommands(this);
  private final Map<String, LiveSession> sessions = new LinkedHashMap<>();
  private final Map<String, DeskState.PendingRating> ratings = new HashMap<>();
  private final Map<String, Instant> leavingSince = new HashMap<>();
  private final Map<String, BotClock.Timer> queueTimers = new HashMap<>();
  private final Map<String, Integer> toldPosition = new HashMap<>();
  private final Map<String, Integer> faqGiveUps = new HashMap<>();
  private final Cache<String, Deque<String>> history;
  private final AtomicInteger queueGauge = new AtomicInteger();
  private final DistributionSummary csat;
  private long sequence;

  private ServiceDesk(Builder b) {
    this.config = Objects.requireNonNull(b.config, "config");
    this.texts = config.texts();
    this.out = Objects.requireNonNull(b.outbox, "outbox");
    this.clock = b.clock;
    this.store = b.store;
    this.open = b.open;
    this.meters = b.meters;
    this.agents = new AgentPool(config.agents(), config.defaultMaxConcurrent());
    this.handoffPhrases = new Phrases(config.handoffPhrases());
    this.endPhrases = new Phrases(config.endPhrases());
    this.priorityRules = config.priorityRules().stream()
        .map(r -> Map.entry(Pattern.compile(r.account()), r.priority())).toList();
    this.history = Caffeine.newBuilder().ticker(clock::nanoTime).expireAfterAccess(Duration.ofDays(1))
        .maximumSize(100_000).build();
    meters.gauge("timbot.service.queue.length", queueGauge);
    this.csat = DistributionSummary.builder("timbot.service.csat").register(meters);
  }

  public static Builder builder() {
    return new Builder();
  }

  // --- inputs ----------------------------------------------------------------------------------

  /**
   * A message from {@code from} to the bot. Returns true when the desk consumed it (agent chats,
   * customers with a human, in the queue, leaving a message or answering the rating): the bot's
   * other plugins must then stay silent.
   */
  public synchronized boolean onMessage(String from, Message message) {
    AgentPool.Agent agent = agents.get(from);
    return agent != null ? onAgentMessage(agent, message) : onCustomerMessage(from, message);
  }

  /** Whether the desk handles {@code customer}'s conversation right now (bot replies muted). */
  public synchronized boolean owns(String customer) {
    return sessions.containsKey(customer) || queue.contains(customer) || leaving(customer);
  }

  public boolean isAgent(String account) {
    return agents.isAgent(account);
  }

  /** Whether {@code agent} is online and ready (capacity for chats aside), e.g. to ring them. */
  public synchronized boolean isAvailable(String agent) {
    AgentPool.Agent a = agents.get(agent);
    return a != null && a.online && a.ready;
  }

  /** The configured agents' accounts. */
  public List<String> agentIds() {
    return agents.all().stream().map(a -> a.spec.id()).toList();
  }

  /** Whether {@code message} asks for a human (configured phrases). */
  public boolean isHandoffRequest(Message message) {
    return handoffPhrases.matches(message.text());
  }

  /** Asks for a human for {@code customer}; {@code group} may be null for any agent. */
  public synchronized void requestHandoff(String customer, String group) {
    if (sessions.containsKey(customer)) {
      say(customer, texts.alreadyServed());
      return;
    }
    if (queue.contains(customer)) {
      say(customer, DeskTexts.fill(texts.queued(), "position", queue.position(customer)));
      return;
    }
    faqGiveUps.remove(customer);
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
    Optional<AgentPool.Agent> agent = agents.leastBusy(group);
    if (agent.isPresent()) {
      handoffResult("assigned");
      assign(customer, agent.get(), group, now);
    } else {
      handoffResult("queued");
      enqueue(new DeskState.QueuedCustomer(customer, group, priorityOf(customer), false, now, now, ++sequence));
    }
    saveState();
  }

  /** The FAQ plugin could not answer {@code customer}; after N in a row, hand off. */
  public synchronized void faqGaveUp(String customer) {
    int n = faqGiveUps.merge(customer, 1, Integer::sum);
    if (config.faqGiveUpsBeforeHandoff() > 0 && n >= config.faqGiveUpsBeforeHandoff()) {
      requestHandoff(customer, null);
    }
  }

  /** The FAQ plugin answered {@code customer}: the give-up streak restarts. */
  public synchronized void faqAnswered(String customer) {
    faqGiveUps.remove(customer);
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
        enqueue(new DeskState.QueuedCustomer(customer, s.group, priorityOf(customer), true,
            s.requestedAt, clock.now(), ++sequence));
      }
    }
    dispatchQueue();
    saveState();
  }

  /** Restores sessions, queue, ratings and their timers from the store. Call once at start. */
  public synchronized void restore() {
    store.loadState().ifPresent(state -> {
      sequence = state.sequence();
      Instant now = clock.now();
      for (DeskState.OpenSession os : state.sessions()) {
        LiveSession s = LiveSession.restore(os);
        sessions.put(s.customer, s);
        AgentPool.Agent a = agents.get(s.agent);
        if (a != null) {
          a.customers.add(s.customer);
          a.current = s.customer;
        }
        scheduleInactivity(s);
      }
      for (DeskState.QueuedCustomer q : state.queue()) {
        queue.add(q);
        Duration left = Duration.between(now, q.enqueuedAt().plus(config.queueTimeout()));
        queueTimers.put(q.customer(), clock.schedule(left.isNegative() ? Duration.ZERO : left,
            () -> onQueueTimeout(q.customer())));
      }
      state.ratings().forEach(r -> ratings.put(r.customer(), r));
      state.awayAgents().forEach(id -> {
        AgentPool.Agent a = agents.get(id);
        if (a != null) {
          a.ready = false;
        }
      });
      state.leaving().forEach(l -> leavingSince.put(l.customer(), l.since()));
      queueGauge.set(queue.size());
      log.info("desk restored: {} sessions, {} queued, {} ratings pending",
          sessions.size(), queue.size(), ratings.size());
    });
  }

  /** Cancels the desk's timers (the bot is stopping); the saved state keeps what they were for. */
  public synchronized void stop() {
    sessions.values().forEach(s -> {
      if (s.timer != null) {
        s.timer.cancel();
      }
    });
    queueTimers.values().forEach(BotClock.Timer::cancel);
    queueTimers.clear();
  }

  public synchronized int queueLength() {
    return queue.size();
  }

  /** The agent serving {@code customer}, if any. */
  public synchronized Optional<String> agentOf(String customer) {
    LiveSession s = sessions.get(customer);
    return s == null ? Optional.empty() : Optional.of(s.agent);
  }

  /** 1-based queue position of {@code customer}, or 0. */
  public synchronized int positionOf(String customer) {
    return queue.position(customer);
  }

  // --- customers -------------------------------------------------------------------------------

  private boolean onCustomerMessage(String customer, Message message) {
    remember(customer, customer, message.elements());
    LiveSession session = sessions.get(customer);
    if (session != null) {
      if (endPhrases.matches(message.text())) {
        end(customer, "ended by customer");
        return true;
      }
      out.send(session.agent, prefixed(customer, message.elements()));
      transcript(session, "customer", customer, session.agent, message.elements());
      touch(session);
      return true;
    }
    if (queue.contains(customer)) {
      if (endPhrases.matches(message.text())) {
        unqueue(customer);
        say(customer, texts.endedForCustomer());
        dispatchQueue();
        saveState();
      }
      return true; // waiting for a human: the bot stays quiet, the agent will see it in /history
    }
    Optional<RatingCard.Answer> answer = RatingCard.parse(message);
    if (answer.isPresent() && handleRating(customer, answer.get(), message)) {
      return true;
    }
    if (isHandoffRequest(message)) {
      leavingSince.remove(customer);
      requestHandoff(customer, null);
      return true;
    }
    if (leaving(customer)) {
      safely("record a left message", () -> store.messageLeft(customer, clock.now(), message.elements()));
      say(customer, texts.messageLeft());
      return true;
    }
    return false;
  }

  private boolean handleRating(String customer, RatingCard.Answer answer, Message message) {
    boolean card = answer.sessionId().isPresent();
    DeskState.PendingRating pending = ratings.get(customer);
    if (pending == null) {
      if (card) {
        say(customer, texts.ratingExpired());
        return true;
      }
      return false; // a bare digit with nothing to rate belongs to someone else (e.g. FAQ menus)
    }
    if (card && !answer.sessionId().get().equals(pending.sessionId())) {
      say(customer, texts.ratingExpired());
      return true;
    }
    if (pending.rated()) {
      if (card) {
        say(customer, texts.ratingDuplicate());
        return true;
      }
      return false;
    }
    if (clock.now().isAfter(pending.expiresAt())) {
      ratings.remove(customer);
      say(customer, texts.ratingExpired());
      saveState();
      return true;
    }
    ratings.put(customer, new DeskState.PendingRating(pending.sessionId(), customer, pending.agent(),
        pending.expiresAt(), true));
    safely("record a rating", () -> store.rated(pending.sessionId(), customer, pending.agent(), answer.score(), clock.now()));
    csat.record(answer.score());
    say(customer, texts.ratingThanks());
    saveState();
    return true;
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
      saveState();
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
    out.send(session.customer, message.elements());
    remember(session.customer, agent.spec.id(), message.elements());
    transcript(session, "agent", agent.spec.id(), session.customer, message.elements());
    touch(session);
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
    Optional<DeskState.QueuedCustomer> next = queue.firstFor(agent);
    if (next.isEmpty()) {
      return "Nobody is waiting.";
    }
    unqueue(next.get().customer());
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
    enqueue(new DeskState.QueuedCustomer(customer, target, priorityOf(customer), true, s.requestedAt,
        clock.now(), ++sequence));
    return "Transferred " + customer + " to group " + target + ".";
  }

  void note(String customer, String agent, String text) {
    LiveSession s = sessions.get(customer);
    s.notes.add(text);
    transcript(s, "note", agent, null, List.of(TextElem.of(text)));
  }

  List<String> history(String customer) {
    Deque<String> lines = history.getIfPresent(customer);
    return lines == null ? List.of() : List.copyOf(lines);
  }

  // --- sessions --------------------------------------------------------------------------------

  private void assign(String customer, AgentPool.Agent agent, String group, Instant requestedAt) {
    Instant now = clock.now();
    LiveSession s = new LiveSession("s-" + now.toEpochMilli() + "-" + (++sequence), customer,
        agent.spec.id(), group, requestedAt, now);
    sessions.put(customer, s);
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
    transcript(s, "system", null, null, List.of(TextElem.of("assigned to " + agent.spec.id())));
    scheduleInactivity(s);
  }

  /** Ends {@code customer}'s session, tells both sides, and asks for a rating. */
  void end(String customer, String reason) {
    LiveSession s = sessions.get(customer);
    if (s == null) {
      return;
    }
    closeSession(s, reason);
    say(customer, texts.endedForCustomer());
    Instant expires = clock.now().plus(config.ratingValidity());
    ratings.put(customer, new DeskState.PendingRating(s.sessionId, customer, s.agent, expires, false));
    out.send(customer, List.of(RatingCard.menu(s.sessionId, texts.ratingPrompt(), expires,
        (int) Math.max(1, config.ratingValidity().toHours()))));
    say(customer, texts.ratingPrompt());
    say(s.agent, DeskTexts.fill(texts.endedForAgent(), "customer", customer));
    dispatchQueue();
    saveState();
  }

  /** Removes a session and writes its record; the caller decides what to tell whom. */
  private void closeSession(LiveSession s, String reason) {
    sessions.remove(s.customer);
    if (s.timer != null) {
      s.timer.cancel();
    }
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
    SessionRecord record = new SessionRecord(s.sessionId, s.customer, s.agent, s.group, s.requestedAt,
        s.startedAt, now, Duration.between(s.requestedAt, s.startedAt).getSeconds(), reason, null, s.notes);
    safely("record a session", () -> store.sessionEnded(record));
    transcript(s, "system", null, null, List.of(TextElem.of("ended: " + reason)));
  }

  private void touch(LiveSession s) {
    s.lastActivity = clock.now();
    s.reminded = false;
    scheduleInactivity(s);
    saveState();
  }

  private void scheduleInactivity(LiveSession s) {
    if (s.timer != null) {
      s.timer.cancel();
    }
    Instant due = s.lastActivity.plus(s.reminded ? config.inactivityClose() : config.inactivityReminder());
    Duration delay = Duration.between(clock.now(), due);
    s.timer = clock.schedule(delay.isNegative() ? Duration.ZERO : delay, () -> onInactivity(s));
  }

  private synchronized void onInactivity(LiveSession s) {
    if (sessions.get(s.customer) != s) {
      return;
    }
    Instant now = clock.now();
    if (!now.isBefore(s.lastActivity.plus(config.inactivityClose()))) {
      end(s.customer, "inactive for " + config.inactivityClose().toMinutes() + " min");
      return;
    }
    if (!s.reminded) {
      s.reminded = true;
      long left = config.inactivityClose().minus(config.inactivityReminder()).toMinutes();
      say(s.customer, DeskTexts.fill(texts.reminder(), "minutes", left));
      scheduleInactivity(s);
      saveState();
    }
  }

  // --- queue -----------------------------------------------------------------------------------

  private void enqueue(DeskState.QueuedCustomer entry) {
    queue.add(entry);
    queueGauge.set(queue.size());
    BotClock.Timer old = queueTimers.put(entry.customer(),
        clock.schedule(config.queueTimeout(), () -> onQueueTimeout(entry.customer())));
    if (old != null) {
      old.cancel();
    }
    int position = queue.position(entry.customer());
    toldPosition.put(entry.customer(), position);
    say(entry.customer(), DeskTexts.fill(texts.queued(), "position", position));
    dispatchQueue();
    notifyPositions();
  }

  private void unqueue(String customer) {
    queue.remove(customer);
    queueGauge.set(queue.size());
    toldPosition.remove(customer);
    BotClock.Timer t = queueTimers.remove(customer);
    if (t != null) {
      t.cancel();
    }
  }

  /** Assigns waiting customers to agents who can take them. */
  void dispatchQueue() {
    boolean changed = false;
    for (DeskState.QueuedCustomer q : queue.entries()) {
      Optional<AgentPool.Agent> agent = agents.leastBusy(q.group());
      if (agent.isPresent()) {
        unqueue(q.customer());
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
    for (DeskState.QueuedCustomer q : queue.entries()) {
      int position = queue.position(q.customer());
      Integer told = toldPosition.put(q.customer(), position);
      if (told != null && told != position) {
        say(q.customer(), DeskTexts.fill(texts.positionUpdate(), "position", position));
      }
    }
  }

  private synchronized void onQueueTimeout(String customer) {
    if (!queue.contains(customer)) {
      return;
    }
    unqueue(customer);
    meters.counter("timbot.service.queue.timeouts").increment();
    leave(customer, texts.queueTimeout());
    notifyPositions();
    saveState();
  }

  // --- helpers ---------------------------------------------------------------------------------

  private void leave(String customer, String text) {
    leavingSince.put(customer, clock.now());
    say(customer, text);
    saveState();
  }

  private boolean leaving(String customer) {
    Instant since = leavingSince.get(customer);
    if (since == null) {
      return false;
    }
    if (clock.now().isAfter(since.plus(LEAVE_MESSAGE_WINDOW))) {
      leavingSince.remove(customer);
      return false;
    }
    return true;
  }

  private int priorityOf(String customer) {
    for (Map.Entry<Pattern, Integer> r : priorityRules) {
      if (r.getKey().matcher(customer).matches()) {
        return r.getValue();
      }
    }
    return 0;
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
    out.send(to, List.of(TextElem.of(text)));
  }

  private void remember(String customer, String from, List<MessageElem> elements) {
    Deque<String> lines = history.get(customer, k -> new ArrayDeque<>());
    synchronized (lines) {
      lines.addLast(from + ": " + ElemText.describe(elements));
      while (lines.size() > config.historySize()) {
        lines.removeFirst();
      }
    }
  }

  private void transcript(LiveSession s, String kind, String from, String to, List<MessageElem> elements) {
    TranscriptEntry entry = new TranscriptEntry(s.sessionId, clock.now(), kind, from, to, elements);
    safely("write the transcript", () -> store.transcript(entry));
  }

  private void saveState() {
    Instant now = clock.now();
    // Only what can still matter is kept: open ratings, leave-a-message windows still open.
    ratings.values().removeIf(r -> now.isAfter(r.expiresAt())); // rated ones stay till then: duplicates get a polite answer
    leavingSince.values().removeIf(since -> now.isAfter(since.plus(LEAVE_MESSAGE_WINDOW)));
    List<String> away = agents.all().stream().filter(a -> !a.ready).map(a -> a.spec.id()).toList();
    List<DeskState.Leaving> leaving = leavingSince.entrySet().stream()
        .map(e -> new DeskState.Leaving(e.getKey(), e.getValue())).toList();
    DeskState state = new DeskState(sessions.values().stream().map(LiveSession::snapshot).toList(),
        queue.entries(), List.copyOf(ratings.values()), away, leaving, sequence);
    safely("save the desk state", () -> store.saveState(state));
  }

  /** A store that fails (disk full) is reported; the desk goes on serving from memory. */
  private void safely(String what, Runnable write) {
    try {
      write.run();
    } catch (RuntimeException e) {
      log.error("could not {}: {}", what, e.toString());
      meters.counter("timbot.service.store.failures").increment();
    }
  }

  static boolean matchesPhrase(String text, List<String> phrases) {
    return new Phrases(phrases).matches(text);
  }

  /** Builder for {@link ServiceDesk}. */
  public static final class Builder {
    private ServiceConfig config;
    private DeskOutbox outbox;
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
