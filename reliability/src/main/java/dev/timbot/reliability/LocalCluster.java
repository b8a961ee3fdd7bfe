package dev.timbot.reliability;

import dev.timbot.emulator.LocalIm;
import dev.timbot.store.redis.testing.RedisServer;
import dev.timbot.tencent.TencentIm;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The local cluster of the README ({@code ./cluster.sh}): a redis-server, the Tencent IM emulator,
 * three customer-service bots sharing the Redis store, and HAProxy in front of them as the app's
 * one callback URL. Everything listens on loopback; Ctrl-C stops it all.
 *
 * <pre>
 * ./cluster.sh [--instances 3] [--port 8080] [--im-port 9000] [--stats-port 8404] [--data cluster-data]
 * </pre>
 *
 * Instance {@code n} listens on {@code port + n}; its output goes to {@code <data>/bot<n>.log}.
 */
public final class LocalCluster {
  static final String ACCOUNT = "@RBT#service";
  private static final String READY = "ready: bot";

  private LocalCluster() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty(BotProcess.LOGGING) == null) {
      System.setProperty(BotProcess.LOGGING, "reliability-logback.xml");
    }
    Map<String, String> o = options(args);
    int instances = Integer.parseInt(o.get("--instances"));
    int port = Integer.parseInt(o.get("--port"));
    int statsPort = Integer.parseInt(o.get("--stats-port"));
    Path data = Path.of(o.get("--data")).toAbsolutePath();
    Files.createDirectories(data);
    List<AutoCloseable> started = new ArrayList<>(); // stopped in reverse order
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("stopping the cluster…");
      stopAll(started);
      stopped.countDown();
    }, "cluster-shutdown"));
    try {
      RedisServer redis = RedisServer.launch();
      started.add(redis);
      String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
      String callbackUrl = "http://127.0.0.1:" + port + "/tim/callback";
      LocalIm im = LocalIm.builder().port(Integer.parseInt(o.get("--im-port"))).callbackUrl(callbackUrl)
          .callbackToken(token).start();
      started.add(im);
      importPeople(im);
      List<Integer> ports = new ArrayList<>();
      for (int n = 1; n <= instances; n++) {
        ports.add(port + n);
      }
      HaproxyProcess haproxy = HaproxyProcess.start(data.resolve("haproxy"),
          HaproxyProcess.config("127.0.0.1", port, statsPort, "/tim/callback", HaproxyProcess.loopbackBots(ports)),
          port, statsPort);
      started.add(haproxy);
      for (int n = 1; n <= instances; n++) {
        Path dir = data.resolve("bot" + n);
        BotProcess bot = BotProcess.start(new BotProcess.Settings(im.sdkAppId(), im.secretKey(), im.admin(),
            im.baseUrl(), ACCOUNT, ports.get(n - 1), token, redis.url(), data.resolve("bot" + n + ".log"),
            List.of("-Xmx512m"), new BotProcess.Program("dev.timbot.samples.cs.CustomerServiceDemo",
                List.of("--data", dir.toString()), READY), Map.of()));
        started.add(bot);
        System.out.printf("starting bot%d (pid %d) on port %d, log %s%n", n, bot.pid(), ports.get(n - 1),
            data.resolve("bot" + n + ".log"));
      }
      for (AutoCloseable c : started) {
        if (c instanceof BotProcess b) {
          b.awaitReady(180);
        }
      }
      String peer = URLEncoder.encode(ACCOUNT, StandardCharsets.UTF_8);
      System.out.printf("""
          timbot cluster ready: %d customer-service instances on %s, behind HAProxy
            callback URL   %s   (HAProxy; statistics at http://127.0.0.1:%d/stats)
            emulator       %s
            customer       %s?user=customer1&peer=%s
            agent          %s?user=agent1&peer=%s
          Kill an instance (kill -9 <pid> above) and keep chatting: HAProxy routes callbacks to the others,
          and the dead instance's conversations move to a living one within 10 s. Ctrl-C stops everything.
          """, instances, redis.url(), callbackUrl, statsPort, im.baseUrl(), im.consoleUrl(), peer,
          im.consoleUrl(), peer);
    } catch (Exception e) {
      System.err.println("the cluster could not start: " + e.getMessage());
      stopAll(started);
      started.clear();
      System.exit(1);
    }
    stopped.await();
  }

  /** The customer-service sample's agents and customers, imported the way an admin tool would. */
  private static void importPeople(LocalIm im) {
    try (TencentIm.Client admin = TencentIm.client().sdkAppId(im.sdkAppId()).secretKey(im.secretKey())
        .admin(im.admin()).baseUrl(im.baseUrl()).build()) {
      for (String[] person : new String[][] {{"agent1", "Agent 1"}, {"agent2", "Agent 2"}, {"customer1", "Customer 1"},
          {"customer2", "Customer 2"}}) {
        admin.importAccount(person[0], person[1], null).join();
      }
    }
  }

  private static void stopAll(List<AutoCloseable> started) {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("while stopping " + started.get(i) + ": " + e);
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
