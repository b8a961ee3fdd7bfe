package dev.timbot.emulator.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.timbot.Bot;
import dev.timbot.emulator.BotOnEmulator;
import dev.timbot.emulator.ClientMessage;
import dev.timbot.emulator.ImUserListener;
import dev.timbot.emulator.LocalIm;
import dev.timbot.emulator.internal.wire.CallbackSign;
import dev.timbot.message.TextElem;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * 600 generated hostile callbacks at a real bot (production wiring: callback server, receiver,
 * inbox, dispatcher, REST client) that answers through the emulator. Each must be answered
 * without a 5xx and within 2 s (wall clock, measured per request; the bound is generous on
 * purpose), nothing may be logged at ERROR (an acked callback must not fail later), and the bot
 * must still answer a real user afterwards.
 */
class CallbackFuzzTest {
  static final int COUNT = 600;
  static final long SEED = 20261204L;
  static final Duration MAX_ANSWER = Duration.ofSeconds(2);
  static final String BOT = "@RBT#fuzz";

  @TempDir Path media;

  @Test
  void hostileCallbacksNeverBreakTheBot() throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    try (LocalIm im = LocalIm.builder().start()) {
      Bot bot = BotOnEmulator.start(im, media, BOT,
          on -> on.text(ctx -> ctx.reply("You said: " + clip(ctx.text()))));
      try {
        String url = bot.callbackUrl().orElseThrow().toString();
        List<HostileCallbacks.Hostile> cases = new HostileCallbacks(SEED,
            new ObjectMapper().readTree(CallbackFuzzTest.class.getResourceAsStream("/contract/callbacks.json")), BOT)
            .generate(COUNT);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> failures = new ArrayList<>();
        int accepted = 0;
        long slowestNanos = 0;
        for (HostileCallbacks.Hostile h : cases) {
          HttpRequest request = HttpRequest.newBuilder(URI.create(url + "?" + query(h, im)))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(h.body())).build();
          long t0 = System.nanoTime();
          HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
          long took = System.nanoTime() - t0;
          slowestNanos = Math.max(slowestNanos, took);
          if (r.statusCode() >= 500) {
            failures.add(h.label() + " → " + r.statusCode() + " " + r.body());
          }
          if (took > MAX_ANSWER.toNanos()) {
            failures.add(h.label() + " took " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
          }
          if (r.statusCode() == 200) {
            accepted++;
          }
        }
        // Let whatever was acked go through the inbox and dispatcher before judging the log.
        Thread.sleep(1500);
        List<String> errors = logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
            .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
        System.out.printf("fuzz: %d hostile callbacks, %d acked, slowest answer %d ms, %d ERROR lines%n",
            cases.size(), accepted, TimeUnit.NANOSECONDS.toMillis(slowestNanos), errors.size());
        assertThat(failures).isEmpty();
        assertThat(errors).isEmpty();
        assertThat(accepted).as("some mutations are harmless and must still be acked").isPositive();

        // The bot still answers a real user.
        BlockingQueue<ClientMessage> inbox = new LinkedBlockingQueue<>();
        im.users().login("alice");
        im.users().subscribe("alice", new ImUserListener() {
          @Override
          public void onMessage(ClientMessage m) {
            if (BOT.equals(m.from())) {
              inbox.add(m);
            }
          }
        });
        im.users().sendC2C("alice", BOT, List.of(TextElem.of("still there?")), null);
        ClientMessage reply = inbox.poll(20, TimeUnit.SECONDS);
        assertThat(reply).isNotNull();
        assertThat(reply.body()).containsExactly(TextElem.of("You said: still there?"));
      } finally {
        bot.stop();
      }
    } finally {
      root.detachAppender(logs);
    }
  }

  private static String clip(String text) {
    return text.length() > 100 ? text.substring(0, 100) : text;
  }

  private static String query(HostileCallbacks.Hostile h, LocalIm im) {
    long now = System.currentTimeMillis() / 1000;
    String app = Long.toString(im.sdkAppId());
    String sign = CallbackSign.sign(im.callbackToken(), now);
    String time = Long.toString(now);
    switch (h.auth()) {
      case BAD_SIGN -> sign = sign.replace('a', 'b').replace('1', '2');
      case STALE -> {
        time = Long.toString(now - 3600);
        sign = CallbackSign.sign(im.callbackToken(), now - 3600);
      }
      case WRONG_APP -> app = "1";
      default -> { }
    }
    StringBuilder q = new StringBuilder("SdkAppid=").append(app)
        .append("&CallbackCommand=").append(URLEncoder.encode(h.queryCommand(), StandardCharsets.UTF_8))
        .append("&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI");
    if (h.auth() != HostileCallbacks.Auth.UNSIGNED) {
      q.append("&Sign=").append(sign).append("&RequestTime=").append(time);
    }
    return q.toString();
  }
}
