package dev.timbot.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy (the Debian package's {@code haproxy}) in front of several bot instances: one callback
 * URL, round robin, a health check on the bot's callback path (a {@code GET} there answers 405 once
 * the bot's receiver is open, and nothing at all when the process is gone), and retries on another
 * instance when a connection is refused, an instance closes without answering, or answers 503
 * (a stopping or full instance). The configuration is {@link #config} (deploy/cluster/haproxy.cfg
 * is its rendering for the local cluster's ports); the process runs in the foreground and is
 * stopped with the harness.
 */
public final class HaproxyProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final int statsPort;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private HaproxyProcess(Process process, int port, int statsPort) {
    this.process = process;
    this.port = port;
    this.statsPort = statsPort;
  }

  /**
   * The configuration: callbacks on {@code port}, the statistics page on {@code statsPort}
   * ({@code /stats}, CSV at {@code /stats;csv}), one server per entry of {@code bots} (name to
   * {@code host:port}).
   */
  public static String config(String host, int port, int statsPort, String callbackPath, Map<String, String> bots) {
    StringBuilder b = new StringBuilder();
    b.append("""
        # One callback URL in front of several timbot instances that share a store (store.url: redis://…).
        # Rendered by dev.timbot.reliability.HaproxyProcess#config; README "Running several instances".
        global
            maxconn 4096
            log stdout format raw local0 notice   # server UP/DOWN transitions

        defaults
            mode http
            log global
            timeout connect 1s
            timeout client 30s
            timeout server 4s       # the IM service itself waits 2 s for a callback answer
            timeout check 1s
            # A callback refused by a dead instance, cut off by a dying one, or answered 503 by a
            # stopping or full one goes to another instance. A retried callback the first instance had
            # journaled already is recognised by the shared dedupe window (MsgKey), so it is handled once.
            retries 3
            option redispatch 1
            retry-on conn-failure empty-response 503

        frontend callbacks
        """);
    b.append("    bind ").append(host).append(':').append(port).append('\n');
    b.append("""
            default_backend bots

        backend bots
            balance roundrobin
            # GET on the callback path answers 405 (POST only) once the instance's receiver is open,
            # which is after it replayed its journal; a killed instance fails two checks within ~1 s.
        """);
    b.append("    option httpchk GET ").append(callbackPath).append('\n');
    b.append("""
            http-check expect status 405
            default-server inter 500ms downinter 1s fall 2 rise 2
        """);
    for (Map.Entry<String, String> bot : bots.entrySet()) {
      b.append("    server ").append(bot.getKey()).append(' ').append(bot.getValue()).append(" check\n");
    }
    b.append("\nfrontend stats\n    bind ").append(host).append(':').append(statsPort).append('\n');
    b.append("""
            stats enable
            stats uri /stats
        """);
    return b.toString();
  }

  /** The local cluster's instances: {@code bot1} … {@code botN} on loopback ports {@code ports}. */
  public static Map<String, String> loopbackBots(List<Integer> ports) {
    Map<String, String> bots = new LinkedHashMap<>();
    for (int i = 0; i < ports.size(); i++) {
      bots.put("bot" + (i + 1), "127.0.0.1:" + ports.get(i));
    }
    return bots;
  }

  /**
   * Writes {@code config} to {@code dir/haproxy.cfg}, starts {@code haproxy} in the foreground with
   * its output in {@code dir/haproxy.log}, and waits until it listens on {@code port}.
   */
  public static HaproxyProcess start(Path dir, String config, int port, int statsPort)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path cfg = dir.resolve("haproxy.cfg");
    Files.writeString(cfg, config);
    Path log = dir.resolve("haproxy.log");
    Process p;
    try {
      p = new ProcessBuilder(List.of("haproxy", "-db", "-f", cfg.toString())).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new IOException("cannot start haproxy (apt-get install haproxy): " + e.getMessage(), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly)); // never outlive the harness
    HaproxyProcess h = new HaproxyProcess(p, port, statsPort);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("haproxy exited with " + p.exitValue() + ": " + Files.readString(log));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return h;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    h.close();
    throw new IllegalStateException("haproxy did not listen on " + port + " within 15 s; see " + log);
  }

  public int port() {
    return port;
  }

  /**
   * The servers' rows of the statistics CSV, by server name: e.g. {@code status} (UP, DOWN, …),
   * {@code wretr} (requests retried on this server), {@code wredis} (redispatched from it).
   */
  public Map<String, Map<String, String>> servers() throws IOException, InterruptedException {
    String csv = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/stats;csv"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    List<String> lines = csv.lines().toList();
    String[] header = lines.get(0).replaceFirst("^# ", "").split(",", -1);
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      if (cells.length < 2 || !cells[0].equals("bots") || cells[1].equals("BACKEND")) {
        continue;
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < Math.min(header.length, cells.length); i++) {
        row.put(header[i], cells[i]);
      }
      rows.put(cells[1], row);
    }
    return rows;
  }

  /** Waits until HAProxy reports {@code server} in {@code status} (e.g. UP after a restart). */
  public void awaitStatus(String server, String status, Duration max) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    List<String> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      String s;
      try {
        s = servers().getOrDefault(server, Map.of()).getOrDefault("status", "?");
      } catch (IOException slow) { // a starved HAProxy answers its statistics late; ask again
        s = "? (" + slow + ")";
      }
      if (s.startsWith(status)) {
        return;
      }
      seen.add(s);
      Thread.sleep(100);
    }
    throw new IllegalStateException("haproxy did not report " + server + " " + status + " within " + max
        + " (last " + (seen.isEmpty() ? "?" : seen.get(seen.size() - 1)) + ")");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
