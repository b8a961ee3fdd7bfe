package dev.timbot.internal.outbox;

import dev.timbot.spi.BotClock;
import dev.timbot.SentMessage;
import dev.timbot.spi.ImClient;
import dev.timbot.spi.ImException;
import dev.timbot.spi.ImException.ImErrorCodes;
import dev.timbot.internal.rest.Failures;
import dev.timbot.Interceptor;
import dev.timbot.Outgoing;
import dev.timbot.spi.Store.OutboxStore;
import dev.timbot.spi.Store.OutboxStore.Entry;
import dev.timbot.spi.Store.OutboxStore.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every send of the bot (DESIGN.md §1, "Outbox"): recorded in the store — with its {@code MsgSeq}
 * (increasing per conversation) and {@code MsgRandom}, chosen once — before anything else
 * happens, then passed through the outbound interceptors and delivered ({@link Delivery}) after
 * every earlier send to the same conversation has finished, so the conversation shows replies in
 * the order the bot made them. Entries not confirmed when the process ended are sent again by
 * {@link #resume()}; dead letters can be listed and replayed.
 */
public final class DurableOutbox {
  /** Pending entries resumed at start, at most (they were bounded by the journal pump before). */
  private static final int RESUME_LIMIT = 100_000;

  private final AtomicInteger recording = new AtomicInteger();
  private final Supplier<OutboxStore> store;
  private final String self;
  private final List<Interceptor<Outgoing, CompletableFuture<SentMessage>>> interceptors;
  private final Delivery delivery;
  private final BotClock clock;
  private final SendListener listener;
  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
  /** Sends not yet finished, by id: a send recorded twice (resume + a replayed handler) runs once. */
  private final Map<String, CompletableFuture<SentMessage>> byId = new ConcurrentHashMap<>();
  /** The last send per conversation; the next one starts when it completes. */
  private final ConcurrentHashMap<String, CompletableFuture<?>> tails = new ConcurrentHashMap<>();
  /**
   * Resumed and replayed sends: their journal entry, if any, may not be finished, so a handler run
   * again could still make them (kept as done, {@link Delivery#confirmed}).
   */
  private static final BooleanSupplier MAYBE_MADE_AGAIN = () -> false;

  public DurableOutbox(Supplier<OutboxStore> store, ImClient im, String self, List<Interceptor<Outgoing, CompletableFuture<SentMessage>>> interceptors,
      SendListener listener, BotClock clock, RetrySchedule schedule) {
    this(store, im, self, interceptors, listener, clock, schedule, new Random());
  }

  DurableOutbox(Supplier<OutboxStore> store, ImClient im, String self, List<Interceptor<Outgoing, CompletableFuture<SentMessage>>> interceptors,
      SendListener listener, BotClock clock, RetrySchedule schedule, Random random) {
    this.store = store;
    this.self = self;
    this.interceptors = List.copyOf(interceptors);
    this.clock = clock;
    this.listener = listener;
    this.delivery = new Delivery(store, im, self, clock, schedule, random, listener::deadLetter);
  }

  /** Records and sends; completes when the service confirms, fails when the send is a dead letter. */
  public CompletableFuture<SentMessage> send(Outgoing outgoing) {
    BooleanSupplier settled = Origin.settledWhen();
    return enqueue(Origin.nextId(), outgoing, null, settled);
  }

  /**
   * Sends again every entry recorded and not confirmed — before a restart, or by a process that
   * died and whose conversations this one now handles — in its conversation's order, ahead of any
   * send made after this call. Entries this process is already making are left to it.
   *
   * @param conversations the conversations this process handles
   * @return how many entries were taken up
   */
  public int resume(Predicate<String> conversations) {
    int taken = 0;
    List<Entry> pending = new ArrayList<>(store.get().list(State.PENDING, RESUME_LIMIT));
    // Sends recorded in the same millisecond: a conversation's MsgSeq says which came first.
    pending.sort(Comparator.comparing(Entry::createdAt).thenComparingLong(Entry::msgSeq));
    for (Entry e : pending) {
      if (conversations.test(e.conversationId()) && !byId.containsKey(e.id())) {
        enqueue(e.id(), OutgoingCodec.decode(e.payload()), e, MAYBE_MADE_AGAIN);
        taken++;
      }
    }
    return taken;
  }

  /** Dead letters, oldest first. */
  public List<Entry> deadLetters(int limit) {
    return store.get().list(State.DEAD, limit);
  }

  /** Sends a dead letter again (same {@code MsgSeq}/{@code MsgRandom}, a fresh retry horizon). */
  public CompletableFuture<SentMessage> replay(String id) {
    Entry e = store.get().get(id).orElse(null);
    if (e == null || e.state() != State.DEAD) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("no dead letter with id " + id));
    }
    Entry again = new Entry(e.id(), e.conversationId(), e.msgSeq(), e.msgRandom(), e.payload(), State.PENDING, 0,
        clock.now(), clock.now(), e.lastError());
    return store.get().update(again).thenCompose(v -> enqueue(id, OutgoingCodec.decode(again.payload()), again,
        MAYBE_MADE_AGAIN));
  }

  /** Completes when every send started so far has finished. */
  public CompletableFuture<Void> flush() {
    return CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).handle((v, e) -> null);
  }

  public int inFlight() {
    return inFlight.size();
  }

  /**
   * Sends still being recorded (the store has not confirmed them durable, so their first attempt
   * has not started). A send waiting for the service's answer or for its retry's time is not counted.
   */
  public int recording() {
    return recording.get();
  }

  private CompletableFuture<SentMessage> enqueue(String id, Outgoing outgoing, Entry existing, BooleanSupplier settled) {
    String key = outgoing.to().conversationId();
    CompletableFuture<SentMessage> tracked = new CompletableFuture<>();
    CompletableFuture<Entry> recorded;
    CompletableFuture<?> previous;
    Entry fresh = null;
    boolean counted = false;
    // One lock so that MsgSeq order is the order sends queue up in their conversation.
    synchronized (this) {
      CompletableFuture<SentMessage> running = byId.putIfAbsent(id, tracked);
      if (running != null) {
        return running;
      }
      Entry earlier = existing != null ? existing : store.get().get(id).orElse(null);
      if (earlier != null) {
        // Resumed, or made again by a handler run again after a crash: no new MsgSeq.
        recorded = CompletableFuture.completedFuture(earlier);
      } else {
        long seq = outgoing.to().isGroup() ? 0 : store.get().nextSeq(key);
        long rnd = ThreadLocalRandom.current().nextLong(1, 1L << 31);
        Instant now = clock.now();
        fresh = new Entry(id, key, seq, rnd, OutgoingCodec.encode(outgoing), State.PENDING, 0, now, now, null);
        recorded = store.get().record(fresh);
        Origin.recorded(recorded);
        recording.incrementAndGet();
        counted = true;
      }
      inFlight.add(tracked);
      previous = tails.put(key, tracked);
    }
    // Counted as recording until its first attempt has started (or it waits behind an earlier send).
    Runnable uncount = counted ? once(recording::decrementAndGet) : () -> {};
    Entry made = fresh;
    Runnable start = () -> recorded.whenComplete((entry, error) -> {
      CompletableFuture<SentMessage> result;
      try {
        result = error != null ? CompletableFuture.failedFuture(error) : process(entry, message(entry, made, existing, outgoing), settled);
      } catch (RuntimeException e) {
        // A stored payload that does not decode: thrown out of this callback it would be lost, and the send never finish.
        result = CompletableFuture.failedFuture(e);
      } finally {
        uncount.run();
      }
      result.whenComplete((sent, failure) -> {
        tails.remove(key, tracked);
        if (failure != null) {
          tracked.completeExceptionally(failure);
        } else {
          tracked.complete(sent);
        }
      });
    });
    if (previous == null || previous.isDone()) {
      start.run();
    } else {
      // Recorded while an earlier send of the conversation is still out: it waits for that one
      // (the service's answer), not for the store.
      CompletableFuture<?> before = previous;
      recorded.whenComplete((v, e) -> {
        if (!before.isDone()) {
          uncount.run();
        }
      });
      previous.whenComplete((v, e) -> start.run());
    }
    boolean group = outgoing.to().isGroup();
    return tracked.whenComplete((sent, error) -> {
      inFlight.remove(tracked);
      byId.remove(id, tracked);
      listener.finished(group, error == null);
      if (error != null) {
        Throwable cause = Failures.unwrap(error);
        int code = cause instanceof ImException ie ? ie.errorCode() : 0;
        listener.failed(code, "send " + id + " to " + outgoing.to() + " failed: " + cause.getMessage(), cause);
      }
    });
  }

  /**
   * The message an entry stands for. The entry just recorded, or resumed or replayed, holds this
   * very message: no need to decode its payload again. A done entry has no payload (OutboxStore#done):
   * it was found by a handler run again, whose own message it is. Otherwise (a handler run again
   * while its send is still pending or dead) the message as first recorded.
   */
  private static Outgoing message(Entry entry, Entry made, Entry existing, Outgoing outgoing) {
    return entry == made || entry == existing || entry.state() == State.DONE ? outgoing
        : OutgoingCodec.decode(entry.payload());
  }

  /** An entry as stored: done already (a handler run twice), dead, or to be sent now. */
  private CompletableFuture<SentMessage> process(Entry entry, Outgoing stored, BooleanSupplier settled) {
    switch (entry.state()) {
      case DONE:
        // As the first run's send answered: its MsgSeq and time, the message the handler made.
        return CompletableFuture.completedFuture(
            new SentMessage(stored.to(), null, entry.msgSeq(), entry.createdAt(), stored.elements()));
      case DEAD:
        return CompletableFuture.failedFuture(new ImException(ImErrorCodes.NETWORK_ERROR,
            "send " + entry.id() + " to " + entry.conversationId() + " is a dead letter: " + entry.lastError()));
      default:
        break;
    }
    boolean[] transmitted = {false};
    CompletableFuture<SentMessage> result;
    try {
      result = new Chain(0, stored, entry, transmitted, settled).proceed(stored);
      if (result == null) {
        result = CompletableFuture.failedFuture(new IllegalStateException("an outbound interceptor returned null"));
      }
    } catch (Exception e) {
      result = CompletableFuture.failedFuture(e);
    }
    return result.whenComplete((sent, error) -> {
      if (!transmitted[0]) {
        // An interceptor answered without sending (blocked, rewrote into nothing, threw): nothing to retry.
        Delivery.confirmed(store.get(), entry.id(), java.time.Duration.ofMinutes(1), settled);
      }
    });
  }

  private final class Chain implements Interceptor.Chain<Outgoing, CompletableFuture<SentMessage>> {
    private final int index;
    private final Outgoing outgoing;
    private final Entry entry;
    private final boolean[] transmitted;
    private final BooleanSupplier settled;

    Chain(int index, Outgoing outgoing, Entry entry, boolean[] transmitted, BooleanSupplier settled) {
      this.index = index;
      this.outgoing = outgoing;
      this.entry = entry;
      this.transmitted = transmitted;
      this.settled = settled;
    }

    @Override
    public Outgoing input() {
      return outgoing;
    }

    @Override
    public CompletableFuture<SentMessage> proceed(Outgoing next) throws Exception {
      if (index >= interceptors.size()) {
        transmitted[0] = true;
        return delivery.deliver(entry, next, settled);
      }
      return interceptors.get(index).intercept(new Chain(index + 1, next, entry, transmitted, settled));
    }
  }

  private static Runnable once(Runnable r) {
    AtomicBoolean done = new AtomicBoolean();
    return () -> {
      if (done.compareAndSet(false, true)) {
        r.run();
      }
    };
  }

  @Override
  public String toString() {
    return "DurableOutbox[" + self + ", " + inFlight.size() + " in flight]";
  }
}
