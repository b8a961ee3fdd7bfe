package dev.timbot.reliability;

import dev.timbot.emulator.LocalIm;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * Several echo-bot JVMs sharing one store, behind HAProxy (one callback URL), on one emulator
 * whose REST API sits behind a {@link FaultProxy} that counts {@code sendmsg} calls. The cluster
 * scenarios of RELIABILITY.md drive them and count from the emulator's history ({@link Tally}).
 */
public final class ClusterSuite implements AutoCloseable {
  private final Path work;
  private final int users;
  private final LocalIm im;
  private final FaultProxy proxy;
  private final List<Integer> ports = new ArrayList<>();
  private final BotProcess[] bots;
  private final IntFunction<String> storeUrl;
  private final List<String> jvmArgs;
  private final Map<String, String> botEnv;
  private final HaproxyProcess haproxy;
  final CallbackStream stream;

  /**
   * @param instances how many bot JVMs
   * @param storeUrl each instance's {@code store.url} (the same {@code redis://} URL for a cluster)
   * @param emulatorRateLimit the emulator's calls per second per API (0: none)
   * @param botEnv extra environment of every bot JVM (e.g. {@code TIM_RATE_LIMIT})
   */
  public ClusterSuite(Path work, int users, int instances, IntFunction<String> storeUrl, int emulatorRateLimit,
      List<String> jvmArgs, Map<String, String> botEnv) throws IOException, InterruptedException {
    this.work = work;
    this.users = users;
    this.storeUrl = storeUrl;
    this.jvmArgs = jvmArgs;
    this.botEnv = botEnv;
    this.bots = new BotProcess[instances];
    Files.createDirectories(work);
    this.im = LocalIm.builder().defaultRateLimit(emulatorRateLimit).start();
    FaultProxy p = null;
    HaproxyProcess h = null;
    try {
      p = new FaultProxy(im.baseUrl());
      for (int u = 0; u < users; u++) {
        im.users().login("u" + u);
      }
      for (int i = 0; i < instances; i++) {
        ports.add(freePort());
      }
      int port = freePort();
      int statsPort = freePort();
      h = HaproxyProcess.start(work.resolve("haproxy"), HaproxyProcess.config("127.0.0.1", port, statsPort,
          "/tim/callback", HaproxyProcess.loopbackBots(ports)), port, statsPort);
    } catch (IOException | RuntimeException | InterruptedException e) {
      if (p != null) {
        p.close();
      }
      im.close();
      throw e;
    }
    this.proxy = p;
    this.haproxy = h;
    stream = new CallbackStream(URI.create("http://127.0.0.1:" + haproxy.port() + "/tim/callback"), im.sdkAppId(),
        Suite.TOKEN, Suite.BOT, users);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Starts every instance (in parallel) and waits until HAProxy sees them all up. */
  public void startAll() throws Exception {
    List<Thread> starting = new ArrayList<>();
    List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < bots.length; i++) {
      int instance = i;
      Thread t = new Thread(() -> {
        try {
          start(instance);
        } catch (Exception e) {
          failures.add(e);
        }
      }, "start-bot" + (i + 1));
      t.start();
      starting.add(t);
    }
    for (Thread t : starting) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  /** Starts (or restarts) instance {@code i} on its port and waits until HAProxy checks it up. */
  public void start(int i) throws Exception {
    BotProcess.Settings settings = new BotProcess.Settings(im.sdkAppId(), im.secretKey(), im.admin(),
        proxy.baseUrl(), Suite.BOT, ports.get(i), Suite.TOKEN, storeUrl.apply(i), work.resolve("bot" + (i + 1) + ".log"),
        jvmArgs, BotProcess.Program.echo(work), botEnv);
    bots[i] = BotProcess.start(settings);
    try {
      bots[i].awaitReady(120);
    } catch (IllegalStateException exited) {
      // On this overloaded box a JVM sometimes misses the store's 2 s connect timeout at start and
      // exits (as it should); start it once more, as a supervisor (systemd Restart=on-failure) would.
      System.out.println("cluster: bot" + (i + 1) + " did not start (" + exited.getMessage() + "); starting it again");
      bots[i].close();
      bots[i] = BotProcess.start(settings).awaitReady(120);
    }
    haproxy.awaitStatus("bot" + (i + 1), "UP", Duration.ofSeconds(30));
  }

  /** SIGKILL of instance {@code i}. */
  public void kill9(int i) throws InterruptedException {
    bots[i].kill9();
  }

  public HaproxyProcess haproxy() {
    return haproxy;
  }

  public FaultProxy proxy() {
    return proxy;
  }

  /** Streams messages at {@code rate} for {@code d}. */
  public void stream(int rate, Duration d) throws InterruptedException {
    stream.next(rate, d);
  }

  /** Streams in a background thread (so a fault can be injected meanwhile). */
  public Thread streamInBackground(int rate, Duration d) {
    return stream.inBackground(rate, d);
  }

  /** Waits until every acknowledged message is answered, or {@code max}; then counts. */
  public Tally settle(Duration max) throws InterruptedException {
    return Tally.settle(stream, this::tally, max);
  }

  public Tally tally() {
    Set<Integer> acked = new TreeSet<>(stream.acknowledged.keySet());
    return Tally.count(im, Suite.BOT, users, acked, stream.sentAt, stream.ackedAt);
  }

  public int refused() {
    return stream.refused.get();
  }

  @Override
  public void close() throws Exception {
    for (BotProcess b : bots) {
      if (b != null) {
        b.close();
      }
    }
    haproxy.close();
    proxy.close();
    im.close();
  }
}
