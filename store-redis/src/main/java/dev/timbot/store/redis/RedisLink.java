package dev.timbot.store.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One Lettuce connection shared by every port (Lettuce pipelines concurrent commands on it, and
 * commands sent from one thread reach Redis in order). While Redis is unreachable commands fail at
 * once ({@code REJECT_COMMANDS}) or after the command timeout, with a {@link
 * StoreUnavailableException} naming the store; Lettuce reconnects in the background (every ≤ 1 s)
 * and the next command after that works again.
 */
final class RedisLink implements AutoCloseable {
  /**
   * Connecting (TCP and handshake) may take longer than a command: a JVM starting on a busy host
   * is slow at first. Commands keep the short timeout.
   */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private final RedisSettings settings;
  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final RedisAsyncCommands<String, byte[]> commands;
  /**
   * Completes the futures handed to callers: Lettuce completes them on its I/O thread, where a
   * caller's continuation that calls the store again would wait for a reply that thread must read.
   */
  private final ExecutorService completions = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "timbot-redis-reply");
    t.setDaemon(true);
    return t;
  });

  RedisLink(RedisSettings settings) {
    this.settings = settings;
    Duration handshake = CONNECT_TIMEOUT.compareTo(settings.timeout()) > 0 ? CONNECT_TIMEOUT : settings.timeout();
    RedisURI.Builder uri;
    if (settings.master() != null) {
      // Lettuce asks the sentinels for the master at every (re)connection, so it follows a failover.
      uri = RedisURI.Builder.sentinel(settings.host(), settings.port(), settings.master());
      for (RedisSettings.Node sentinel : settings.nodes().subList(1, settings.nodes().size())) {
        uri = uri.withSentinel(sentinel.host(), sentinel.port());
      }
    } else {
      uri = RedisURI.builder().withHost(settings.host()).withPort(settings.port());
    }
    uri = uri.withDatabase(settings.database()).withSsl(settings.tls()).withTimeout(handshake).withClientName("timbot");
    if (settings.password() != null) {
      uri = settings.user() != null
          ? uri.withAuthentication(settings.user(), settings.password())
          : uri.withPassword(settings.password());
    }
    resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
        .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
        .build();
    client = RedisClient.create(resources, uri.build());
    ClientOptions.Builder options = ClientOptions.builder();
    if (settings.tlsCa() != null) {
      options.sslOptions(SslOptions.builder().jdkSslProvider().trustManager(settings.tlsCa().toFile()).build());
    }
    client.setOptions(options.autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
        .timeoutOptions(TimeoutOptions.enabled(settings.timeout())).build());
    try {
      connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    } catch (RedisException e) {
      shutdown();
      throw new StoreUnavailableException("the Redis store " + settings.describe() + " is unreachable: " + reason(e), e);
    }
    commands = connection.async();
  }

  RedisAsyncCommands<String, byte[]> commands() {
    return commands;
  }

  /**
   * Runs {@code script} for a caller that continues asynchronously: the future completes off
   * Lettuce's I/O thread.
   */
  <T> CompletableFuture<T> evalAsync(LuaScript script, ScriptOutputType type, List<String> keys, Object... args) {
    return this.<T>eval(script, type, keys, args).whenCompleteAsync((v, e) -> {}, completions);
  }

  /**
   * Runs {@code script}; the future fails with a {@link StoreUnavailableException} and completes
   * on Lettuce's I/O thread: wait for it ({@link #await}) or use {@link #evalAsync}.
   */
  <T> CompletableFuture<T> eval(LuaScript script, ScriptOutputType type, List<String> keys, Object... args) {
    String[] k = keys.toArray(String[]::new);
    byte[][] a = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      a[i] = bytes(args[i]);
    }
    try {
      // EVAL, not EVALSHA with a NOSCRIPT fallback: a fallback would send the script after
      // commands pipelined behind it, and appends of one conversation must reach Redis in order.
      return commands.<T>eval(script.source(), type, k, a).toCompletableFuture()
          .exceptionallyCompose(e -> CompletableFuture.failedFuture(translate(unwrap(e))));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(translate(e));
    }
  }

  /** Runs a command and waits for it (within the command timeout). */
  <T> T await(CompletionStage<T> future) {
    try {
      return future.toCompletableFuture().get(settings.timeout().toMillis() + 500, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw translate(unwrap(e));
    } catch (TimeoutException e) {
      throw new StoreUnavailableException("the Redis store " + settings.describe() + " did not answer within "
          + settings.timeout().toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while waiting for the Redis store " + settings.describe(), e);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  /** Shorthand: {@code await(command.apply(commands()))}, failing clearly if the command cannot be sent. */
  <T> T call(Function<RedisAsyncCommands<String, byte[]>, CompletionStage<T>> command) {
    try {
      return await(command.apply(commands));
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  RuntimeException translate(Throwable e) {
    if (e instanceof StoreUnavailableException s) {
      return s;
    }
    if (e instanceof RedisCommandExecutionException) {
      return new StoreUnavailableException("the Redis store " + settings.describe() + " refused a command: "
          + e.getMessage(), e);
    }
    return new StoreUnavailableException("the Redis store " + settings.describe() + " is unreachable: " + reason(e), e);
  }

  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return root == e ? msg : msg + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
  }

  /** True when {@code e} is a command that timed out (Redis or this JVM slow), not a refusal. */
  static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RedisCommandTimeoutException || t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  static byte[] bytes(Object o) {
    return o instanceof byte[] b ? b : String.valueOf(o).getBytes(StandardCharsets.UTF_8);
  }

  static String string(Object o) {
    return o == null ? null : o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
  }

  static long number(Object o) {
    return o instanceof Long l ? l : Long.parseLong(string(o));
  }

  /** Closes the connection without waiting for anything (a process that died, in tests). */
  @Override
  public void close() {
    connection.close();
    shutdown();
    completions.shutdown();
  }

  private void shutdown() {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }
}
