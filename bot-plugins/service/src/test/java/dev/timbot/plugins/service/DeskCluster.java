package dev.timbot.plugins.service;

import dev.timbot.internal.store.Stores;
import dev.timbot.message.CustomElem;
import dev.timbot.message.MessageElem;
import dev.timbot.message.TextElem;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.spi.Store;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture of the shared-desk tests: desks ("processes") over one shared store on one virtual
 * clock, and what they sent. One {@code memory:} store for all by default; a subclass that
 * {@link #connect}s gives each process its own connection (a real redis-server).
 */
abstract class DeskCluster {
  /** One send, and which process made it. */
  record Sent(String process, String to, List<MessageElem> elements) {
    String text() {
      return elements.stream().filter(TextElem.class::isInstance).map(e -> ((TextElem) e).text())
          .reduce("", String::concat);
    }

    boolean isRatingCard() {
      return elements.size() == 1 && elements.get(0) instanceof CustomElem c && c.data().contains("\"src\":\"9\"");
    }
  }

  /** A process's view of the shared virtual clock: once it is dead, its timers never run. */
  static final class ProcessClock implements BotClock {
    final VirtualClock shared;
    volatile boolean dead;

    ProcessClock(VirtualClock shared) {
      this.shared = shared;
    }

    @Override
    public Instant now() {
      return shared.now();
    }

    @Override
    public long nanoTime() {
      return shared.nanoTime();
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
      return shared.schedule(delay, () -> {
        if (!dead) {
          task.run();
        }
      });
    }
  }

  final VirtualClock clock = new VirtualClock();
  /** The first process's store (with memory:, every process's). */
  Store store;
  Store.KeyedState kv;
  /** The other processes' own connections, when {@link #connect} gives them. */
  final Map<String, Store> others = new HashMap<>();
  final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
  final List<ServiceDesk> desks = new ArrayList<>();
  /** Relayed copies recalled: process, recipient, the copy's MsgKey. */
  final List<String> recalled = Collections.synchronizedList(new ArrayList<>());
  /** Runs once, inside the next send (in the middle of a change). */
  volatile Runnable duringNextSend;

  @BeforeEach
  void open() {
    Store connection = connect();
    store = connection != null ? connection : Stores.open("memory:", clock);
    kv = store.state(KeyedStateDeskStore.NAMESPACE);
  }

  /**
   * A new connection to the shared store, one per process; null (here): every process uses the
   * first one's {@code memory:} store.
   */
  Store connect() {
    return null;
  }

  /** The desk's key space as process {@code name} sees it. */
  Store.KeyedState keysOf(String name) {
    if (name.equals("A")) {
      return kv;
    }
    Store own = others.computeIfAbsent(name, n -> connect());
    return own == null ? kv : own.state(KeyedStateDeskStore.NAMESPACE);
  }

  @AfterEach
  void close() {
    desks.forEach(ServiceDesk::stop);
    store.close();
    others.values().forEach(Store::close);
  }

  ServiceConfig.Builder config() {
    return ServiceConfig.builder()
        .agent(new AgentSpec("alice", List.of(), 2))
        .agent(new AgentSpec("bob", List.of(), 2))
        .queueTimeout(Duration.ofMinutes(5))
        .inactivity(Duration.ofMinutes(3), Duration.ofMinutes(6));
  }

  ServiceDesk process(String name, ProcessClock processClock, ServiceConfig config, boolean shared) {
    return process(name, processClock, config, shared, keysOf(name));
  }

  ServiceDesk process(String name, ProcessClock processClock, ServiceConfig config, boolean shared,
      Store.KeyedState keys) {
    ServiceDesk desk = ServiceDesk.builder().config(config)
        .outbox((to, elements) -> {
          Runnable hook = duringNextSend;
          duringNextSend = null;
          if (hook != null) {
            hook.run();
          }
          sent.add(new Sent(name, to, List.copyOf(elements)));
          return CompletableFuture.completedFuture(name + "-" + sent.size());
        })
        .recaller((to, key) -> {
          recalled.add(name + ":" + to + ":" + key);
          return CompletableFuture.completedFuture(null);
        })
        .clock(processClock).store(new KeyedStateDeskStore(() -> keys)).meterRegistry(new SimpleMeterRegistry())
        .shared(() -> shared).instance(name).build();
    desk.restore();
    desks.add(desk);
    return desk;
  }

  ServiceDesk process(String name, ProcessClock processClock) {
    return process(name, processClock, config().build(), true);
  }

  static dev.timbot.message.Message text(String from, String text) {
    return ServiceDeskTest.text(from, text);
  }

  List<Sent> to(String account) {
    synchronized (sent) {
      return sent.stream().filter(s -> s.to().equals(account)).toList();
    }
  }

  List<String> textsTo(String account) {
    return to(account).stream().map(Sent::text).toList();
  }

  Sent last(String account) {
    List<Sent> s = to(account);
    return s.get(s.size() - 1);
  }

  long count(String account, String fragment) {
    return textsTo(account).stream().filter(t -> t.contains(fragment)).count();
  }

  KeyedStateDeskStore records() {
    return new KeyedStateDeskStore(() -> kv);
  }

  DeskState stored() {
    return records().loadState().orElseThrow();
  }
}
