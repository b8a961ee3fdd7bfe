package dev.timbot.store.redis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
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
 * <p>{@link #launchTls} adds a TLS port with a self-signed certificate ({@link #tlsUrl()}), and {@link
 * #launchSentinel} starts a Sentinel watching a server ({@link #sentinelUrl(String)}).
 *
 * <p>The executable is {@code $REDIS_SERVER}, else {@code redis-server} on the {@code PATH} (the
 * Debian package, which {@code .ci/run} installs).
 */
public final class RedisServer implements AutoCloseable {
  private static final long READY_WITHIN_MS = 10_000;

  private final Path executable;
  private final Path dir;
  private final int port;
  /** Before the common arguments: a sentinel's configuration file and {@code --sentinel}. */
  private final List<String> leadingArgs;
  private final List<String> extraArgs;
  /** With {@link #launchTls}: the TLS port and the certificate (a client's {@code tlsCa}); else 0 and null. */
  private final int tlsPort;
  private final SelfSignedCertificate certificate;
  private Process process;

  private RedisServer(Path executable, Path dir, int port, List<String> leadingArgs, List<String> extraArgs,
      int tlsPort, SelfSignedCertificate certificate) {
    this.executable = executable;
    this.dir = dir;
    this.port = port;
    this.leadingArgs = leadingArgs;
    this.extraArgs = extraArgs;
    this.tlsPort = tlsPort;
    this.certificate = certificate;
  }

  /**
   * Starts a server on a free loopback port.
   *
   * @param extraArgs more {@code redis-server} arguments, e.g. {@code "--appendonly", "yes"}
   * @throws IllegalStateException when {@code redis-server} is missing or does not come up
   */
  public static RedisServer launch(String... extraArgs) {
    Path exe = findExecutable();
    Path dir = tempDir();
    return started(new RedisServer(exe, dir, freePort(), List.of(), List.of(extraArgs), 0, null));
  }

  /**
   * Starts a server that also listens for TLS, with a self-signed certificate for {@code 127.0.0.1}
   * made in its directory (clients are not asked for certificates). {@link #tlsUrl()} names it; the
   * plain port stays open for {@link #flushAll()} and the readiness check.
   */
  public static RedisServer launchTls(String... extraArgs) {
    Path exe = findExecutable();
    Path dir = tempDir();
    int tlsPort = freePort();
    SelfSignedCertificate cert;
    try {
      cert = SelfSignedCertificate.create(dir);
    } catch (RuntimeException e) {
      delete(dir);
      throw e;
    }
    List<String> args = new ArrayList<>(List.of("--tls-port", Integer.toString(tlsPort),
        "--tls-cert-file", cert.certificate().toString(), "--tls-key-file", cert.privateKey().toString(),
        "--tls-ca-cert-file", cert.certificate().toString(), "--tls-auth-clients", "no"));
    args.addAll(List.of(extraArgs));
    return started(new RedisServer(exe, dir, freePort(), List.of(), args, tlsPort, cert));
  }

  /**
   * Starts a Sentinel watching {@code master} under the name {@code masterName} (quorum 1; the
   * master is deemed down after 1 s without an answer, so a failover to a replica of it takes a few
   * seconds). {@link #sentinelUrl(String)} names it.
   */
  public static RedisServer launchSentinel(RedisServer master, String masterName) {
    Path exe = findExecutable();
    Path dir = tempDir();
    Path conf = dir.resolve("sentinel.conf");
    try {
      // Sentinel rewrites its file (what it learned), so it lives in the server's own directory.
      Files.writeString(conf, String.join("\n",
          "sentinel monitor " + masterName + " 127.0.0.1 " + master.port() + " 1",
          "sentinel down-after-milliseconds " + masterName + " 1000",
          "sentinel failover-timeout " + masterName + " 5000", ""));
    } catch (IOException e) {
      delete(dir);
      throw new UncheckedIOException("cannot write " + conf, e);
    }
    return started(new RedisServer(exe, dir, freePort(), List.of(conf.toString(), "--sentinel"), List.of(), 0, null));
  }

  private static RedisServer started(RedisServer server) {
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

  /**
   * {@code rediss://127.0.0.1:TLS_PORT?tlsCa=…}: a {@code store.url} over TLS that trusts this
   * server's certificate; only for a server from {@link #launchTls}.
   */
  public String tlsUrl() {
    if (certificate == null) {
      throw new IllegalStateException("this redis-server was not launched with TLS (launchTls)");
    }
    return "rediss://127.0.0.1:" + tlsPort + "?tlsCa="
        + URLEncoder.encode(certificate.certificate().toString(), StandardCharsets.UTF_8);
  }

  /** With {@link #launchTls}: the certificate a client must trust. */
  public Path certificate() {
    if (certificate == null) {
      throw new IllegalStateException("this redis-server was not launched with TLS (launchTls)");
    }
    return certificate.certificate();
  }

  /** {@code redis-sentinel://127.0.0.1:PORT#masterName}: a {@code store.url} through this Sentinel. */
  public String sentinelUrl(String masterName) {
    return "redis-sentinel://127.0.0.1:" + port + "#" + masterName;
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
    List<String> cmd = new ArrayList<>(List.of(executable.toString()));
    cmd.addAll(leadingArgs);
    cmd.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
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
    String reply = command("FLUSHALL");
    if (!reply.startsWith("+OK")) {
      throw new IllegalStateException("FLUSHALL on " + url() + " answered " + reply);
    }
  }

  /** The number of keys in database 0 ({@code DBSIZE}), e.g. to see that a replica caught up. */
  public long dbSize() {
    String reply = command("DBSIZE");
    if (!reply.startsWith(":")) {
      throw new IllegalStateException("DBSIZE on " + url() + " answered " + reply);
    }
    return Long.parseLong(reply.substring(1));
  }

  /**
   * How many replicas of {@code masterName} this Sentinel knows. It learns them from the master's
   * INFO every few seconds; a master stopped before that has no replica to fail over to.
   */
  public int sentinelReplicas(String masterName) {
    String reply = command("SENTINEL REPLICAS " + masterName);
    if (!reply.startsWith("*")) {
      throw new IllegalStateException("SENTINEL REPLICAS on " + url() + " answered " + reply);
    }
    return Integer.parseInt(reply.substring(1));
  }

  /** Sends one inline command on the plain port (no password) and returns the first line of the answer. */
  private String command(String inline) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5_000);
      s.getOutputStream().write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
        line.append((char) c);
      }
      return line.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(inline + " on " + url() + " failed", e);
    }
  }

  /** Stops the server and deletes its directory. */
  @Override
  public void close() {
    stop();
    delete(dir);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("timbot-redis-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for redis-server", e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }

  @Override
  public String toString() {
    return (leadingArgs.isEmpty() ? "redis-server " : "redis-sentinel ") + url() + " (" + dir + ")";
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
