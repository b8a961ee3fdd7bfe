package dev.timbot.store.redis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} for tests and local clusters: started on a free loopback port with a
 * temporary directory, nothing saved ({@code --save "" --appendonly no} unless extra arguments say
 * otherwise), stopped and its directory deleted by {@link #close()}. {@link #stop()} and {@link
 * #start()} take it down and bring it back on the same port, to test an outage.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.launch()) {
 *   Bot bot = Bot.builder()...store(redis.url())...build();
 * }
 * }</pre>
 *
 * <p>The executable is {@code $REDIS_SERVER}, else {@code redis-server} on the {@code PATH} (the
 * Debian package, which {@code .ci/run} installs).
 */
public final class RedisServer implements AutoCloseable {
  private static final long READY_WITHIN_MS = 10_000;

  private final Path executable;
  private final Path dir;
  private final int port;
  private final List<String> extraArgs;
  private Process process;

  private RedisServer(Path executable, Path dir, int port, List<String> extraArgs) {
    this.executable = executable;
    this.dir = dir;
    this.port = port;
    this.extraArgs = extraArgs;
  }

  /**
   * Starts a server on a free loopback port.
   *
   * @param extraArgs more {@code redis-server} arguments, e.g. {@code "--appendonly", "yes"}
   * @throws IllegalStateException when {@code redis-server} is missing or does not come up
   */
  public static RedisServer launch(String... extraArgs) {
    Path exe = findExecutable();
    Path dir;
    try {
      dir = Files.createTempDirectory("timbot-redis-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for redis-server", e);
    }
    RedisServer server = new RedisServer(exe, dir, freePort(), List.of(extraArgs));
    try {
      server.start();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** {@code redis://127.0.0.1:PORT}: a {@code store.url}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Where the server runs and writes its log ({@code redis.log}). */
  public Path dir() {
    return dir;
  }

  /** Starts the server again after {@link #stop()}, on the same port; waits until it answers. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    List<String> cmd = new ArrayList<>(List.of(executable.toString(),
        "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
        "--dir", dir.toString(), "--logfile", dir.resolve("redis.log").toString()));
    cmd.addAll(extraArgs);
    try {
      process = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(dir.resolve("redis.out").toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + executable + ": " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_WITHIN_MS);
    while (!answersPing()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        String why = process.isAlive() ? "did not answer PING within " + READY_WITHIN_MS + " ms" : "exited";
        stop();
        throw new IllegalStateException("redis-server on port " + port + " " + why + "; its log:\n" + log());
      }
      sleep(20);
    }
  }

  /** Stops the server (SIGTERM, then SIGKILL after 5 s); {@link #start()} brings it back. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Deletes every key of every database ({@code FLUSHALL}): a fresh Redis for the next test. */
  public void flushAll() {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5_000);
      s.getOutputStream().write("FLUSHALL\r\n".getBytes(StandardCharsets.US_ASCII));
      String reply = new String(s.getInputStream().readNBytes(5), StandardCharsets.US_ASCII);
      if (!reply.startsWith("+OK")) {
        throw new IllegalStateException("FLUSHALL on " + url() + " answered " + reply);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("FLUSHALL on " + url() + " failed", e);
    }
  }

  /** Stops the server and deletes its directory. */
  @Override
  public void close() {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }

  @Override
  public String toString() {
    return "redis-server " + url() + " (" + dir + ")";
  }

  private boolean answersPing() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      s.setSoTimeout(500);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[7];
      int n = in.readNBytes(buf, 0, buf.length);
      String reply = new String(buf, 0, n, StandardCharsets.US_ASCII);
      return reply.startsWith("+PONG") || reply.startsWith("-NOAUTH"); // up, with --requirepass
    } catch (IOException e) {
      return false;
    }
  }

  private String log() {
    StringBuilder sb = new StringBuilder();
    for (String f : List.of("redis.out", "redis.log")) {
      try {
        sb.append(Files.readString(dir.resolve(f)));
      } catch (IOException e) {
        // not written
      }
    }
    return sb.toString();
  }

  private static Path findExecutable() {
    String configured = System.getenv("REDIS_SERVER");
    if (configured != null && !configured.isBlank()) {
      Path p = Path.of(configured);
      if (Files.isExecutable(p)) {
        return p;
      }
      throw new IllegalStateException("REDIS_SERVER=" + configured + " is not an executable file");
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String d : (path + ":/usr/bin:/usr/local/bin:/usr/sbin").split(":")) {
      if (!d.isEmpty()) {
        Path p = Path.of(d, "redis-server");
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    throw new IllegalStateException("redis-server is not installed: the Redis store's tests run a real one."
        + " Install the Debian package (apt-get install redis-server; .ci/run does) or set REDIS_SERVER"
        + " to the executable");
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for redis-server", e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for redis-server", e);
    }
  }
}
