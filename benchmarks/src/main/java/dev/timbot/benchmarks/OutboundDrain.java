package dev.timbot.benchmarks;

import dev.timbot.Bot;
import dev.timbot.BotConfig;
import dev.timbot.BotEvent;
import dev.timbot.emulator.ClientMessage;
import dev.timbot.emulator.ImUserListener;
import dev.timbot.emulator.LocalIm;
import dev.timbot.spi.ImException.ImErrorCodes;
import dev.timbot.spi.ImException;
import dev.timbot.message.TextElem;
import dev.timbot.Handlers;
import dev.timbot.Plugin;
import dev.timbot.tencent.TencentIm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Outbound under the service's quota: the emulator enforces its default 200 {@code sendmsg}/s;
 * a bot with the framework's default REST client (client-side limit 200/s, retries on) is handed
 * {@code backlog} messages at once, each answered with one reply, and we watch the replies arrive.
 *
 * <p>Reported: drain rate (first to last arrival, and from the moment the backlog was queued)
 * against the limit; rate-limit refusals the emulator gave (absorbed as retries) versus failures
 * that reached a handler's reply future or an {@code ERROR} event; duplicates counted at the
 * recipient both by MsgKey and by reply text (a retry under a new MsgRandom would show there).
 * Bot, emulator and counters share this JVM: the bot talks to the emulator over loopback REST.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.timbot.benchmarks.OutboundDrain --backlog=5000 --runs=3</pre>
 */
public final class OutboundDrain {
  private OutboundDrain() {}

  /** One drain run. */
  public record Result(int backlog, int delivered, double firstToLastPerSec, double fromQueuedPerSec,
      int limit, int clientRate, long rateLimitRetries, long otherRetries, int handlerFailures, int rateLimitFailures,
      int errorEvents, int duplicateKeys, int duplicateTexts, double seconds) {
    double percentOfLimit() {
      return 100.0 * firstToLastPerSec / limit;
    }
  }

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    int backlog = a.integer("backlog", 5000);
    int runs = a.integer("runs", 3);
    int limit = a.integer("limit", 200);
    int users = a.integer("users", 100);
    List<Result> results = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      Result r = run(backlog, limit, a.integer("client-rate", 200), users,
          Duration.ofSeconds(a.integer("timeout", 30 + backlog / limit * 2)));
      System.err.println("run " + run + ": " + r);
      results.add(r);
    }
    System.out.println(table(results));
  }

  /** @param clientRate the REST client's own limit (the framework's default is 200/s) */
  public static Result run(int backlog, int limit, int clientRate, int users, Duration timeout) throws Exception {
    try (LocalIm im = LocalIm.builder().port(0).rateLimit("openim/sendmsg", limit).start()) {
      Map<String, AtomicInteger> byKey = new ConcurrentHashMap<>();
      Map<String, AtomicInteger> byText = new ConcurrentHashMap<>();
      AtomicInteger delivered = new AtomicInteger();
      AtomicLong first = new AtomicLong();
      AtomicLong last = new AtomicLong();
      ImUserListener counter = new ImUserListener() {
        @Override
        public void onMessage(ClientMessage m) {
          long now = System.nanoTime();
          first.compareAndSet(0, now);
          last.set(now);
          delivered.incrementAndGet();
          byKey.computeIfAbsent(m.msgKey() + "/" + m.msgRandom(), k -> new AtomicInteger()).incrementAndGet();
          String text = m.body().isEmpty() || !(m.body().get(0) instanceof TextElem t) ? "" : t.text();
          byText.computeIfAbsent(text, k -> new AtomicInteger()).incrementAndGet();
        }
      };
      for (int u = 0; u < users; u++) {
        im.users().login(user(u));
        im.users().subscribe(user(u), counter);
      }
      AtomicLong rateLimitRetries = new AtomicLong();
      AtomicLong otherRetries = new AtomicLong();
      // The framework's default client (200/s, 4 attempts); only a listener is added, to count retries.
      TencentIm.Client client = TencentIm.client().sdkAppId(im.sdkAppId()).secretKey(im.secretKey())
          .admin(im.admin()).baseUrl(im.baseUrl()).rateLimit(clientRate)
          .onRetry((api, code) -> (ImErrorCodes.isRateLimit(code) ? rateLimitRetries : otherRetries).incrementAndGet())
          .build();
      AtomicInteger handlerFailures = new AtomicInteger();
      AtomicInteger rateLimitFailures = new AtomicInteger();
      Plugin replier = new Plugin() {
        @Override
        public void configure(Handlers on) {
          on.text(ctx -> ctx.reply("re: " + ctx.text()).whenComplete((sent, e) -> {
            if (e != null) {
              handlerFailures.incrementAndGet();
              Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
              if (c instanceof ImException ie && ImErrorCodes.isRateLimit(ie.errorCode())) {
                rateLimitFailures.incrementAndGet();
              }
            }
          }));
        }
      };
      BotConfig cfg = BotConfig.forAccount("drain_bot").with("tim.sdkAppId", Long.toString(im.sdkAppId()));
      AtomicInteger errorEvents = new AtomicInteger();
      try (Bot bot = Bot.builder().config(cfg).plugin(replier).imClient(client).externalIntake().build()) {
        bot.on(BotEvent.ERROR, e -> errorEvents.incrementAndGet());
        bot.start();
        long queued = System.nanoTime();
        for (int i = 0; i < backlog; i++) {
          Messages.deliver(bot, Messages.c2c(user(i % users), "drain_bot", i + 1, "drain " + i));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (delivered.get() < backlog && System.nanoTime() < deadline
            && handlerFailures.get() + delivered.get() < backlog) {
          Thread.sleep(20);
        }
        Thread.sleep(500); // late duplicates, if any, would arrive now
        client.close();
        double span = (last.get() - first.get()) / 1e9;
        int n = delivered.get();
        return new Result(backlog, n, n <= 1 ? 0 : (n - 1) / span, n / ((last.get() - queued) / 1e9), limit, clientRate,
            rateLimitRetries.get(), otherRetries.get(), handlerFailures.get(), rateLimitFailures.get(),
            errorEvents.get(), (int) byKey.values().stream().filter(c -> c.get() > 1).count(),
            (int) byText.values().stream().filter(c -> c.get() > 1).count(), (last.get() - queued) / 1e9);
      }
    }
  }

  static String user(int i) {
    return String.format("drain_u%03d", i);
  }

  static String table(List<Result> rs) {
    StringBuilder sb = new StringBuilder("| run | client limit | backlog | delivered | drain rate first→last (msg/s) | % of limit | rate from queued (msg/s) "
        + "| emulator 429-style refusals retried | other retries | failures seen by handlers | of which rate-limit | ERROR events | duplicate MsgKey | duplicate text | seconds |\n"
        + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < rs.size(); i++) {
      Result r = rs.get(i);
      sb.append(String.format("| %d | %d/s | %d | %d | %.1f | %.1f%% | %.1f | %d | %d | %d | %d | %d | %d | %d | %.1f |%n", i + 1,
          r.clientRate(), r.backlog(), r.delivered(), r.firstToLastPerSec(), r.percentOfLimit(), r.fromQueuedPerSec(),
          r.rateLimitRetries(), r.otherRetries(), r.handlerFailures(), r.rateLimitFailures(), r.errorEvents(),
          r.duplicateKeys(), r.duplicateTexts(), r.seconds()));
    }
    return sb.toString();
  }
}
