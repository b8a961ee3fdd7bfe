package dev.timbot.reliability;

import dev.timbot.emulator.LocalIm;
import dev.timbot.store.redis.testing.RedisServer;
import dev.timbot.tencent.TencentIm;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The local cluster of the README ({@code ./cluster.sh}): a redis-server, the Tencent IM emulator,
 * several customer-service bots sharing the Redis store, and HAProxy in front of them as the app's
 * one callback URL. Everything listens on loopback; Ctrl-C stops it all.
 *
 * <pre>
 * ./cluster.sh [--instances 3] [--port 8080] [--im-port 9000] [--stats-port 8404] [--data cluster-data]
 * </pre>
 *
 * Instance {@code n} listens on {@code port + n}; its output goes to {@code <data>/bot<n>.log}.
 */
public final class LocalCluster implements AutoCloseable {
  static final String ACCOUNT = "@RBT#service";
  static final List<String> AGENTS = List.of("agent1", "agent2");
  static final List<String> CUSTOMERS = List.of("customer1", "customer2");
  private static final String READY = "ready: bot";

  private final List<AutoCloseable> started = new ArrayList<>(); // stopped in reverse order
  private final Path data;
  private final List<Integer> ports = new ArrayList<>();
  private final List<BotProcess> bots = new ArrayList<>();
  private RedisServer redis;
  private LocalIm im;
  private HaproxyProcess haproxy;
  private String token;

  private LocalCluster(Path data) {
    this.data = data;
  }

  /**
   * Starts the cluster: instance {@code n} (1-based) on {@code port + n}, HAProxy on {@code port},
   * its statistics on {@code statsPort}, the emulator on {@code imPort} (0: any free port each).
   */
  public static LocalCluster start(Path data, int instances, int port, int imPort, int statsPort) throws Exception {
    LocalCluster c = new LocalCluster(data);
    try {
      c.startAll(instances, port, imPort, statsPort == 0 ? ClusterSuite.freePort() : statsPort);
      return c;
    } catch (Exception | Error e) {
      c.close();
      throw e;
    }
  }

  /** {@code port} 0: HAProxy and every instance on a free port of its own (not HAProxy's + n, maybe taken). */
  private void startAll(int instances, int requestedPort, int imPort, int statsPort) throws Exception {
    int port = requestedPort == 0 ? ClusterSuite.freePort() : requestedPort;
    Files.createDirectories(data);
    redis = RedisServer.launch();
    started.add(redis);
    token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    im = LocalIm.builder().port(imPort).callbackUrl("http://127.0.0.1:" + port + "/tim/callback")
        .callbackToken(token).start();
    started.add(im);
    importPeople(im);
    for (int n = 1; n <= instances; n++) {
      ports.add(requestedPort == 0 ? ClusterSuite.freePort() : port + n);
    }
    haproxy = HaproxyProcess.start(data.resolve("haproxy"),
        HaproxyProcess.config("127.0.0.1", port, statsPort, "/tim/callback", HaproxyProcess.loopbackBots(ports)),
        port, statsPort);
    started.add(haproxy);
    for (int i = 0; i < instances; i++) {
      bots.add(null);
      launch(i);
    }
    for (int i = 0; i < instances; i++) {
      bots.get(i).awaitReady(180);
      haproxy.awaitStatus("bot" + (i + 1), "UP", Duration.ofSeconds(30));
    }
  }

  private void launch(int i) throws Exception {
    int n = i + 1;
    BotProcess bot = BotProcess.start(new BotProcess.Settings(im.sdkAppId(), im.secretKey(), im.admin(),
        im.baseUrl(), ACCOUNT, ports.get(i), token, redis.url(), log(i), List.of("-Xmx512m"),
        new BotProcess.Program("dev.timbot.samples.cs.CustomerServiceDemo",
            List.of("--data", data.resolve("bot" + n).toString()), READY), Map.of()));
    bots.set(i, bot);
    started.add(bot);
    System.out.printf("starting bot%d (pid %d) on port %d, log %s%n", n, bot.pid(), ports.get(i), log(i));
  }

  /** Instance {@code i}'s (0-based) output. */
  public Path log(int i) {
    return data.resolve("bot" + (i + 1) + ".log");
  }

  public LocalIm im() {
    return im;
  }

  /** The redis-server the instances share. */
  String redisUrl() {
    return redis.url();
  }

  /** Instance {@code i}'s (0-based) process id. */
  long pid(int i) {
    return bots.get(i).pid();
  }

  public int instances() {
    return bots.size();
  }

  /** SIGKILL of instance {@code i} (0-based). */
  public void kill9(int i) throws InterruptedException {
    bots.get(i).kill9();
  }

  /** Starts instance {@code i} again and waits until HAProxy checks it up. */
  public void restart(int i) throws Exception {
    launch(i);
    bots.get(i).awaitReady(180);
    haproxy.awaitStatus("bot" + (i + 1), "UP", Duration.ofSeconds(30));
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("while stopping " + started.get(i) + ": " + e);
      }
    }
    started.clear();
  }

  public static void main(String[] args) throws Exception {
    if (System.getProperty(BotProcess.LOGGING) == null) {
      System.setProperty(BotProcess.LOGGING, "reliability-logback.xml");
    }
    Map<String, String> o = options(args);
    int port = Integer.parseInt(o.get("--port"));
    int statsPort = Integer.parseInt(o.get("--stats-port"));
    LocalCluster c;
    try {
      c = start(Path.of(o.get("--data")).toAbsolutePath(), Integer.parseInt(o.get("--instances")), port,
          Integer.parseInt(o.get("--im-port")), statsPort);
    } catch (Exception e) {
      System.err.println("the cluster could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("stopping the cluster…");
      c.close();
      stopped.countDown();
    }, "cluster-shutdown"));
    String peer = URLEncoder.encode(ACCOUNT, StandardCharsets.UTF_8);
    System.out.printf("""
        timbot cluster ready: %d customer-service instances on %s, behind HAProxy
          callback URL   http://127.0.0.1:%d/tim/callback   (HAProxy; statistics at http://127.0.0.1:%d/stats)
          emulator       %s
          customer       %s?user=customer1&peer=%s
          agent          %s?user=agent1&peer=%s
        Kill an instance (kill -9 <pid> above) and keep chatting: HAProxy sends callbacks to the others, and
        the dead instance's conversations move to a living one within 10 s. Ctrl-C stops everything.
        """, c.instances(), c.redis.url(), port, statsPort, c.im.baseUrl(), c.im.consoleUrl(), peer,
        c.im.consoleUrl(), peer);
    stopped.await();
  }

  /** The customer-service sample's agents and customers, imported the way an admin tool would. */
  private static void importPeople(LocalIm im) {
    try (TencentIm.Client admin = TencentIm.client().sdkAppId(im.sdkAppId()).secretKey(im.secretKey())
        .admin(im.admin()).baseUrl(im.baseUrl()).build()) {
      for (String person : AGENTS) {
        admin.importAccount(person, "Agent " + person.charAt(person.length() - 1), null).join();
      }
      for (String person : CUSTOMERS) {
        admin.importAccount(person, "Customer " + person.charAt(person.length() - 1), null).join();
      }
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> o = new java.util.LinkedHashMap<>(Map.of("--instances", "3", "--port", "8080", "--im-port",
        "9000", "--stats-port", "8404", "--data", "cluster-data"));
    for (int i = 0; i < args.length; i++) {
      if (!o.containsKey(args[i]) || i + 1 >= args.length) {
        System.err.println("usage: ./cluster.sh [--instances 3] [--port 8080] [--im-port 9000] [--stats-port 8404]"
            + " [--data cluster-data]");
        System.exit(2);
      }
      o.put(args[i], args[++i]);
    }
    return o;
  }
}
