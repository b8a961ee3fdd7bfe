package dev.timbot.store.redis;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code store.url: redis://host:port[/db]} — every port of the store on one Redis, shared by all
 * processes of an app: journal shards leased to processes, the dedupe window, the outbox, keyed
 * state, timers, and the app-wide rate limit. See {@link RedisSettings} for the URL's options.
 */
final class RedisStore implements Store {
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
      journal = new RedisJournal(link, keys, clock, instance, settings.shards(), settings.lease().toMillis(),
          settings.renew().toMillis());
      dedupe = new RedisDedupe(link, keys, clock);
      outbox = new RedisOutbox(link, keys, clock);
      timers = new RedisTimers(link, keys);
      rateLimit = new RedisRateLimit(link, keys);
      journal.start();
    } catch (RuntimeException e) {
      link.close();
      throw e;
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
