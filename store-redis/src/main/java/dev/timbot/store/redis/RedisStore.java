package dev.timbot.store.redis;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code store.url: redis://host:port[/db]} — every port of the store on one Redis, shared by all
 * processes of an app: journal shards leased to processes, the dedupe window, the outbox, keyed
 * state, timers, and the app-wide rate limit. See {@link RedisSettings} for the URL's options.
 */
final class RedisStore implements Store {
  private static final Logger log = LoggerFactory.getLogger(RedisStore.class);
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(15);
  private final RedisSettings settings;
  private final String instance;
  private final RedisLink link;
  private final RedisJournal journal;
  private final RedisDedupe dedupe;
  private final RedisOutbox outbox;
  private final RedisTimers timers;
  private final RedisRateLimit rateLimit;
  private final Keys keys;
  private final BotClock clock;
  private final Map<String, RedisKeyedState> states = new ConcurrentHashMap<>();
  private volatile boolean closed;

  RedisStore(RedisSettings settings, BotClock clock) {
    this.settings = settings;
    this.clock = clock;
    this.instance = instanceId();
    this.keys = new Keys(settings.prefix());
    this.link = new RedisLink(settings);
    try {
      journal = patiently(() -> new RedisJournal(link, keys, clock, instance, settings.shards(),
          settings.lease().toMillis(), settings.renew().toMillis()));
      dedupe = new RedisDedupe(link, keys, clock);
      outbox = new RedisOutbox(link, keys, clock);
      timers = new RedisTimers(link, keys);
      rateLimit = new RedisRateLimit(link, keys);
      patiently(() -> {
        journal.start();
        return journal;
      });
    } catch (RuntimeException e) {
      link.close();
      throw e;
    }
  }

  /**
   * The first commands of a process that just started may time out on a busy host (cold JVM):
   * tried again for up to {@link #STARTUP_WAIT}. A refusal or an unreachable Redis fails at once.
   */
  private static <T> T patiently(Supplier<T> step) {
    long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
    while (true) {
      try {
        return step.get();
      } catch (StoreUnavailableException e) {
        if (!RedisLink.timedOut(e) || System.nanoTime() > deadline) {
          throw e;
        }
        log.warn("the Redis store was slow to answer at start, trying again: {}", e.getMessage());
      }
    }
  }

  /** host-pid-random: unique per open store, readable in {@code XINFO CONSUMERS}. */
  private static String instanceId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "host";
    }
    return host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-"
        + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
  }

  @Override
  public InboxJournal journal() {
    return journal;
  }

  @Override
  public DedupeWindow dedupe() {
    return dedupe;
  }

  @Override
  public OutboxStore outbox() {
    return outbox;
  }

  @Override
  public KeyedState state(String namespace) {
    return states.computeIfAbsent(namespace, n -> new RedisKeyedState(link, keys, n, clock));
  }

  @Override
  public TimerStore timers() {
    return timers;
  }

  @Override
  public boolean shared() {
    return true;
  }

  @Override
  public Optional<SharedRateLimit> rateLimit() {
    return Optional.of(rateLimit);
  }

  RedisRateLimit sharedRateLimit() {
    return rateLimit;
  }

  RedisJournal redisJournal() {
    return journal;
  }

  String instance() {
    return instance;
  }

  @Override
  public String describe() {
    return settings.describe() + " (Redis store, " + journal.shards() + " journal shards, prefix " + settings.prefix()
        + ", process " + instance + ")";
  }

  /** Gives the journal shards back to the other processes and closes the connection. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    journal.close(true);
    link.close();
  }

  /** Dies without a word, as a killed process would: stops renewing, gives nothing back (tests). */
  void abandon() {
    if (closed) {
      return;
    }
    closed = true;
    journal.close(false);
    link.close();
  }
}
