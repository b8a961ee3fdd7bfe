package dev.timbot.benchmarks;

import dev.timbot.test.Callbacks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Issue 15's end-to-end comparison, every bot in its own JVM against a {@link ReplySink}:
 *
 * <ul>
 *   <li><b>saturation</b> — {@code wrk} offers signed {@code Bot.OnC2CMessage} callbacks as fast as
 *       each bot acknowledges them ({@code --connections} open, each waiting for its answer) for
 *       {@code --seconds}; acks/s is wrk's figure, replies/s is what reached the sink in the same
 *       window; then the harness waits until the replies stop, so a bot that acknowledged more
 *       than it answered shows it.
 *   <li><b>latency</b> — an open-loop generator (send times fixed in advance) at each of {@code
 *       --rates}; callback→reply latency from the planned send time to the reply's arrival at the
 *       sink, p50/p99. The generator first runs {@link #GENERATOR_WARMUP} unmeasured at the lowest
 *       rate; a step whose generator still offered less than {@link #GENERATOR_BEHIND} of its rate is
 *       marked "(sender behind)", as its latencies include the generator's own lateness.
 * </ul>
 *
 * <p>Bots ({@code --bots=baseline,timbot}): {@code timbot} is the echo sample's handlers with the
 * default embedded journal on (a fresh directory per run; {@code --store=everysec}: forced to disk once a
 * second; {@code --store=memory}: the in-memory store) and the
 * client-side rate limit lifted;
 * {@code baseline} is {@link BaselineBot}; {@code timbot-before} is timbot from the benchmarks jar
 * of another build ({@code --before-jar=...}), to compare versions in one run; {@code spring} /
 * {@code spring-async} is the Spring Boot + community SDK peer ({@code --spring-jar=...}, default
 * {@value WrkBots#DEFAULT_SPRING_JAR}) against an HTTPS sink, and {@code baseline-tls} / {@code
 * timbot-tls} the others against that HTTPS sink ({@link WrkBots}). Runs alternate the order of
 * the bots. {@code --order=interleaved} starts every bot at once and alternates them step set by step
 * set instead, {@code --runs} rounds, and ends with each bot's ratio to the first one per round
 * ({@link WrkSummary}): on a box whose speed drifts, that compares bots within minutes. The last two columns: the TCP connections the bot opened to the sink during the step, and the
 * bot process's CPU time (every thread, from {@code /proc}) per reply — comparable on a shared box.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.timbot.benchmarks.WrkBench --runs=3 --seconds=10
 * java -cp benchmarks/target/benchmarks.jar dev.timbot.benchmarks.WrkBench --bots=baseline,timbot,spring
 * java -cp benchmarks/target/benchmarks.jar dev.timbot.benchmarks.WrkBench --jfr=/tmp/jfr --jfr-settings=profile
 * java -cp benchmarks/target/benchmarks.jar dev.timbot.benchmarks.WrkBench --order=interleaved --runs=4 --bots=baseline,timbot
 * java -cp benchmarks/target/benchmarks.jar dev.timbot.benchmarks.WrkBench --users=200000 --bots=baseline,timbot
 * </pre>
 *
 * {@code --users=N} (default 64): the callbacks come from N senders in turn, so with N large each
 * reply goes to a conversation the bot has not answered for a while (a customer-service bot's
 * traffic), and its per-conversation state is cold.
 *
 * Requires {@code wrk} on the PATH ({@code apt-get install wrk}).
 */
public final class WrkBench {
  static final long SDK_APP_ID = 1400000000L;
  static final String TOKEN = "wrk-bench-token";
  static final String BOT = "wrk_bot";
  static final String SECRET = "wrk-bench-secret-key-0123456789abcdef";
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** How long the open-loop sender runs, unmeasured, before a bot's first step. */
  static final Duration GENERATOR_WARMUP = Duration.ofSeconds(3);
  /**
   * Below this share of its planned rate the sender is marked as behind in the table: its latencies
   * then include its own lateness (they are counted from the planned send times).
   */
  static final double GENERATOR_BEHIND = 0.97;

  private WrkBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int runs = args.integer("runs", 1);
    Duration length = args.seconds("seconds", 10);
    Duration warmup = args.seconds("warmup", 4);
    int connections = args.integer("connections", 64);
    List<String> bots = args.strings("bots", "baseline,timbot");
    bots.forEach(bot -> WrkBots.check(bot, args));
    String storeMode = args.string("store", "file");
    storeUrl(storeMode, Path.of(".")); // an unknown --store fails before anything starts
    if (!storeMode.equals("file") && bots.contains("timbot-before")) {
      // An earlier build may not know the URL's parameter (before fsync=everysec it was part of the directory name).
      throw new IllegalArgumentException("--store=" + storeMode + " is for this build's bots; "
          + "run timbot-before with the default --store=file");
    }
    List<Integer> rates = args.integers("rates", "500,2000,5000");
    int users = args.integer("users", 64);
    if (users < 1) {
      throw new IllegalArgumentException("--users takes a number of senders, at least 1; got " + users);
    }
    Duration step = args.seconds("step", 5);
    List<String> jvm = args.strings("sut-jvm", "-Xmx512m,-Xms512m");
    String order = args.string("order", "sequential");
    if (!order.equals("sequential") && !order.equals("interleaved")) {
      throw new IllegalArgumentException("--order takes sequential or interleaved, got " + order);
    }
    Path script = Files.createTempFile("timbot-wrk", ".lua");
    List<WrkSteps.Row> rows = new ArrayList<>();
    // The HTTPS sink (and its keytool certificate) only when a bot needs it.
    ReplySink tls = bots.stream().anyMatch(WrkBots::https) ? ReplySink.https().start() : null;
    try (ReplySink sink = new ReplySink().start()) {
      Function<String, ReplySink> sinkOf = bot -> WrkBots.https(bot) ? tls : sink;
      WrkSteps steps = new WrkSteps(sinkOf, script, connections, warmup, length, rates, step, users);
      if (order.equals("interleaved")) {
        interleaved(bots, runs, args, jvm, storeMode, sinkOf, steps, rows);
      } else {
        sequential(bots, runs, args, jvm, storeMode, sinkOf, steps, rows);
      }
    } finally {
      Files.deleteIfExists(script);
      if (tls != null) {
        tls.close();
      }
    }
    System.out.println();
    System.out.println("| run | bot | load | acks/s (offered) | replies/s | callbacks acked (sent) | replies | refused (non-2xx) "
        + "| replies after wrk | p50 ms | p99 ms | loadavg at start | new sink connections | bot CPU µs per reply "
        + "| bot context switches per reply (voluntary / not) | JIT compiler share of bot CPU |");
    System.out.println("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|");
    rows.forEach(r -> System.out.println(r.line()));
    if (order.equals("interleaved")) {
      WrkSummary.print(rows, bots, rates, runs);
    }
  }

  /** Each bot in its own JVM for its whole run, one after the other; even runs reverse the order. */
  private static void sequential(List<String> bots, int runs, Args args, List<String> jvm, String storeMode,
      Function<String, ReplySink> sinkOf, WrkSteps steps, List<WrkSteps.Row> rows) throws Exception {
    for (int run = 1; run <= runs; run++) {
      List<String> order = new ArrayList<>(bots);
      if (run % 2 == 0) {
        Collections.reverse(order);
      }
      for (String bot : order) {
        Path store = Files.createTempDirectory("timbot-wrk-store");
        try (SutProcess sut = WrkBots.spawn(bot, args, withRecording(jvm, args, run, bot),
            env(sinkOf.apply(bot), storeUrl(storeMode, store)), sinkOf.apply(bot)).awaitReady()) {
          steps.warmUp(bot, sut);
          steps.measure(run, bot, sut, rows);
        } finally {
          deleteTree(store);
        }
      }
    }
  }

  /**
   * {@code --order=interleaved}: every bot started and warmed up first, then {@code --runs} rounds in
   * which each bot runs its steps once, the order rotating from round to round — so bots are compared
   * within minutes of each other rather than across the whole run ({@link WrkSummary}). The bots not
   * being measured sit idle in their JVMs meanwhile.
   */
  private static void interleaved(List<String> bots, int rounds, Args args, List<String> jvm, String storeMode,
      Function<String, ReplySink> sinkOf, WrkSteps steps, List<WrkSteps.Row> rows) throws Exception {
    Map<String, SutProcess> suts = new LinkedHashMap<>();
    List<Path> stores = new ArrayList<>();
    try {
      for (String bot : bots) {
        Path store = Files.createTempDirectory("timbot-wrk-store");
        stores.add(store);
        suts.put(bot, WrkBots.spawn(bot, args, withRecording(jvm, args, 1, bot),
            env(sinkOf.apply(bot), storeUrl(storeMode, store)), sinkOf.apply(bot)).awaitReady());
      }
      for (Map.Entry<String, SutProcess> e : suts.entrySet()) {
        steps.warmUp(e.getKey(), e.getValue());
      }
      for (int round = 1; round <= rounds; round++) {
        List<String> order = new ArrayList<>(bots);
        Collections.rotate(order, -(round - 1));
        for (String bot : order) {
          steps.measure(round, bot, suts.get(bot), rows);
        }
      }
    } finally {
      suts.values().forEach(SutProcess::close);
      for (Path store : stores) {
        deleteTree(store);
      }
    }
  }

  /**
   * {@code --jfr=DIR}: each bot's JVM keeps a flight recording, {@code DIR/run<N>-<bot>.jfr}, with the
   * settings {@code --jfr-settings} names (a JDK preset such as {@code profile}, or a {@code .jfc} path).
   */
  static List<String> withRecording(List<String> jvm, Args args, int run, String bot) {
    String dir = args.string("jfr", "");
    if (dir.isEmpty()) {
      return jvm;
    }
    Path where = Path.of(dir).toAbsolutePath();
    try {
      Files.createDirectories(where); // the JVM refuses to start when it cannot write there
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("--jfr: cannot create " + where, e);
    }
    List<String> out = new ArrayList<>(jvm);
    out.add("-XX:StartFlightRecording=filename=" + where.resolve("run" + run + "-" + bot + ".jfr")
        + ",settings=" + args.string("jfr-settings", "profile"));
    return out;
  }

  /**
   * {@code --store}: {@code file} (the default store, every commit fsync'd), {@code everysec} (the same
   * file, forced to disk once a second) or {@code memory} (no disk at all) — to tell the disk's share
   * of the latency apart. The memory store keeps every dedupe claim and done send on the heap for
   * their whole window (it is for tests): after minutes at saturation it fills a 512 MB heap and
   * measures the collector (BENCHMARKS §8o), so use it for short runs only.
   */
  static String storeUrl(String mode, Path dir) {
    switch (mode) {
      case "file":
        return "file:" + dir;
      case "everysec":
        return "file:" + dir + "?fsync=everysec";
      case "memory":
        return "memory:";
      default:
        throw new IllegalArgumentException("--store takes file, everysec or memory, got " + mode);
    }
  }

  /** The echo sample's environment: the sink as REST API, signed callbacks, the journal on in {@code storeUrl}. */
  static Map<String, String> env(ReplySink sink, String storeUrl) {
    Map<String, String> env = new HashMap<>();
    env.put("TIM_SDKAPPID", Long.toString(SDK_APP_ID));
    env.put("TIM_SECRET_KEY", SECRET);
    env.put("TIM_ADMIN", "administrator");
    env.put("TIM_BASE_URL", sink.baseUrl());
    env.put("TIM_RATE_LIMIT", "1000000");
    env.put("BOT_ACCOUNT", BOT);
    env.put("CALLBACK_PORT", "0");
    env.put("CALLBACK_TOKEN", TOKEN);
    env.put("TIMBOT_STORE", storeUrl);
    return env;
  }

  /**
   * A wrk script posting distinct signed callbacks: each wrk thread numbers its messages, from
   * {@code users} senders in turn, and signs with the RequestTime of the current second from a table made here (Lua
   * has no SHA-256).
   */
  static String lua(Duration validFor, int users) {
    long now = System.currentTimeMillis() / 1000;
    StringBuilder signs = new StringBuilder("local signs = {\n");
    for (long t = now - 5; t <= now + validFor.toSeconds(); t++) {
      signs.append("  [").append(t).append("] = \"").append(Callbacks.sign(TOKEN, t)).append("\",\n");
    }
    signs.append("}\n");
    return signs + """
        local threads = 0
        function setup(thread)
          threads = threads + 1
          thread:set("tid", threads)
        end
        local counter = 0
        function request()
          counter = counter + 1
          local n = tid * 1000000000 + counter
          local now = os.time()
          local user = string.format("wrk_u%03d", n % USERS)
          local body = string.format('{"CallbackCommand":"Bot.OnC2CMessage","From_Account":"%s","To_Account":"BOTNAME",'
            .. '"MsgSeq":%d,"MsgRandom":7,"MsgTime":%d,"MsgKey":"%d_7_%d","MsgId":"144115-%d-%d",'
            .. '"OnlineOnlyFlag":0,"SendMsgResult":0,"ErrorInfo":"send msg succeed","UnreadMsgNum":1,'
            .. '"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hello there, wrk %d"}}],'
            .. '"CloudCustomData":"","EventTime":%d}', user, n, now, n, now, now, n, n, now * 1000)
          local path = "/tim/callback?SdkAppid=APPID&CallbackCommand=Bot.OnC2CMessage&contenttype=json"
            .. "&ClientIP=127.0.0.1&OptPlatform=RESTAPI&RequestTime=" .. now .. "&Sign=" .. signs[now]
          return wrk.format("POST", path, {["Content-Type"] = "application/json"}, body)
        end
        """.replace("USERS", Integer.toString(users)).replace("BOTNAME", BOT).replace("APPID", Long.toString(SDK_APP_ID));
  }

  record WrkResult(long requests, double requestsPerSecond, long non2xx) {}

  static WrkResult wrk(String url, Path script, int threads, int connections, Duration length)
      throws IOException, InterruptedException {
    String base = url.substring(0, url.indexOf("/tim/callback"));
    Process p = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + length.toSeconds() + "s",
        "--timeout", "10s", "-s", script.toString(), base).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(length.toSeconds() + 60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("wrk failed: " + out);
    }
    return new WrkResult(group(out, "(\\d+) requests in", 0), groupDouble(out, "Requests/sec:\\s+([\\d.]+)"),
        group(out, "Non-2xx or 3xx responses: (\\d+)", 0));
  }

  private static long group(String s, String regex, long dflt) {
    Matcher m = Pattern.compile(regex).matcher(s);
    return m.find() ? Long.parseLong(m.group(1)) : dflt;
  }

  private static double groupDouble(String s, String regex) {
    Matcher m = Pattern.compile(regex).matcher(s);
    if (!m.find()) {
      throw new IllegalStateException("no " + regex + " in wrk's output: " + s);
    }
    return Double.parseDouble(m.group(1));
  }

  record Latency(double offered, int sent, int refused) {}

  /** Sends {@code rate}/s for {@code length} at planned times, from {@code users} senders in turn; the sink times the replies. */
  static Latency openLoop(ReplySink sink, String url, int rate, Duration length, int users) throws InterruptedException {
    int n = (int) (rate * length.toMillis() / 1000);
    long first = System.currentTimeMillis() * 1000;
    sink.track(first, n);
    Dispatcher d = new Dispatcher();
    d.setMaxRequests(512);
    d.setMaxRequestsPerHost(512);
    OkHttpClient http = new OkHttpClient.Builder().dispatcher(d).connectionPool(new ConnectionPool(128, 1,
        TimeUnit.MINUTES)).readTimeout(Duration.ofSeconds(10)).build();
    AtomicInteger refused = new AtomicInteger();
    long t0 = System.nanoTime() + 5_000_000L;
    double period = 1e9 / rate;
    try {
      for (int i = 0; i < n; i++) {
        long planned = t0 + (long) (i * period);
        for (long wait; (wait = planned - System.nanoTime()) > 0; ) {
          LockSupport.parkNanos(wait);
        }
        long number = first + i;
        sink.sent(number, planned);
        post(http, url, number, i % users, refused);
      }
      double offered = n * 1e9 / Math.max(1, System.nanoTime() - t0);
      return new Latency(offered, n, refused.get());
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private static void post(OkHttpClient http, String url, long number, int user, AtomicInteger refused) {
    long now = System.currentTimeMillis() / 1000;
    String body = "{\"CallbackCommand\":\"Bot.OnC2CMessage\",\"From_Account\":\"" + String.format("lat_u%03d", user)
        + "\",\"To_Account\":\"" + BOT + "\",\"MsgSeq\":" + number + ",\"MsgRandom\":7,\"MsgTime\":" + now
        + ",\"MsgKey\":\"" + number + "_7_" + now + "\",\"MsgId\":\"144115-" + now + "-" + number
        + "\",\"OnlineOnlyFlag\":0,\"SendMsgResult\":0,\"ErrorInfo\":\"send msg succeed\",\"UnreadMsgNum\":1,"
        + "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"hello there, message " + number
        + "\"}}],\"EventTime\":" + System.currentTimeMillis() + "}";
    Request req = new Request.Builder()
        .url(url + "?SdkAppid=" + SDK_APP_ID + "&CallbackCommand=Bot.OnC2CMessage&contenttype=json"
            + "&ClientIP=127.0.0.1&OptPlatform=RESTAPI&RequestTime=" + now + "&Sign=" + Callbacks.sign(TOKEN, now))
        .post(RequestBody.create(body, JSON)).build();
    http.newCall(req).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        refused.incrementAndGet();
      }

      @Override
      public void onResponse(Call call, Response response) {
        try (response) {
          if (response.code() != 200) {
            refused.incrementAndGet();
          }
        }
      }
    });
  }

  /** Waits until no reply arrived for {@code quiet} (at most {@code max}). */
  static void awaitQuiet(ReplySink sink, Duration quiet, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    long last = sink.replies();
    long lastChange = System.nanoTime();
    while (System.nanoTime() < deadline) {
      Thread.sleep(100);
      long now = sink.replies();
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > quiet.toNanos()) {
        return;
      }
    }
  }

  static double pct(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  /** Deletes {@code dir} and everything under it (the benchmarks' temporary stores). */
  static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
