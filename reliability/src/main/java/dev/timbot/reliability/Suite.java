package dev.timbot.reliability;

import dev.timbot.emulator.LocalIm;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One emulator, one fault proxy in front of its REST API, and the echo bot in a child JVM with an
 * embedded store under {@code work}; the scenarios of RELIABILITY.md drive them and count from the
 * emulator's history ({@link Tally}).
 */
public final class Suite implements AutoCloseable {
  static final String BOT = "echo_bot";
  static final String TOKEN = "reliability-token";

  private final Path work;
  private final int users;
  private final LocalIm im;
  private final FaultProxy proxy;
  private final int port;
  private final List<String> jvmArgs;
  private String storeUrl;
  private BotProcess bot;
  final CallbackStream stream;

  public Suite(Path work, int users, List<String> jvmArgs) throws IOException {
    this.work = work;
    this.users = users;
    this.jvmArgs = jvmArgs;
    this.storeUrl = "file:" + work.resolve("store");
    Files.createDirectories(work);
    this.im = LocalIm.builder().start();
    this.proxy = new FaultProxy(im.baseUrl());
    for (int u = 0; u < users; u++) {
      im.users().login("u" + u);
    }
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    stream = new CallbackStream(URI.create("http://127.0.0.1:" + port + "/tim/callback"), im.sdkAppId(), TOKEN, BOT,
        users);
  }

  public FaultProxy proxy() {
    return proxy;
  }

  /** Starts (or restarts) the bot JVM on the same port and store, and waits until it is ready. */
  public void startBot() throws IOException, InterruptedException {
    bot = BotProcess.start(new BotProcess.Settings(im.sdkAppId(), im.secretKey(), im.admin(), proxy.baseUrl(), BOT,
        port, TOKEN, storeUrl, work.resolve("bot.log"), jvmArgs)).awaitReady(90);
  }

  /** The bot's {@code store.url} from the next start on (default: {@code file:} under the work directory). */
  public void storeUrl(String url) {
    this.storeUrl = url;
  }

  /** The bot's {@code store.url} at its next start. */
  public String storeUrl() {
    return storeUrl;
  }

  public BotProcess bot() {
    return bot;
  }

  /** Streams {@code seconds} of messages at {@code rate}. */
  public void stream(int rate, Duration d) throws InterruptedException {
    stream.next(rate, d);
  }

  /**
   * kill -9 while messages arrive, {@code rounds} times: stream for {@code before}, kill, start
   * again (callbacks sent meanwhile are refused, as a dead server refuses them), then deliver the
   * last {@code redeliver} acknowledged callbacks again.
   */
  public void killRounds(int rate, int rounds, Duration before, int redeliver) throws Exception {
    for (int r = 0; r < rounds; r++) {
      Thread streamer = streamInBackground(rate, before.plusSeconds(3));
      Thread.sleep(before.toMillis());
      bot.kill9();
      streamer.join();
      stream.drain();
      startBot();
      stream.redeliverLast(redeliver);
      stream.drain();
    }
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
    return Tally.count(im, BOT, users, acked, stream.sentAt, stream.ackedAt);
  }

  public int refused() {
    return stream.refused.get();
  }

  @Override
  public void close() throws Exception {
    if (bot != null) {
      bot.close();
    }
    proxy.close();
    im.close();
  }
}
