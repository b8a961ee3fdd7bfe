package dev.timbot.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timbot.internal.callback.CallbackReceiver;
import dev.timbot.internal.callback.CallbackResponse;
import dev.timbot.internal.callback.CallbackRoute;
import dev.timbot.internal.callback.ReceivedCallback;
import dev.timbot.internal.http.HttpHost;
import dev.timbot.internal.store.ConsecutiveIds;
import dev.timbot.internal.store.EarlyHandOn;
import dev.timbot.internal.store.EmbeddedStore;
import dev.timbot.internal.store.HeldCommits;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.InboxJournal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The callback route answers once the journal entry is durable, without a server thread waiting for
 * the commit: OK only after the commit, 503 (the receiver's own words) when the store cannot make
 * the entry durable or not in time.
 */
class AsyncAckTest {
  static final String QUERY = "?SdkAppid=" + JournalBeforeAckTest.APP
      + "&CallbackCommand=Bot.OnC2CMessage&ClientIP=1.2.3.4&OptPlatform=RESTAPI";
  static final MediaType JSON = MediaType.get("application/json");

  @TempDir Path dir;
  final List<ReceivedCallback> handedOn = new CopyOnWriteArrayList<>();
  final OkHttpClient http = client();
  final ExecutorService callers = Executors.newFixedThreadPool(20);
  final List<AutoCloseable> open = new ArrayList<>();

  static OkHttpClient client() {
    Dispatcher d = new Dispatcher();
    d.setMaxRequestsPerHost(64);
    return new OkHttpClient.Builder().dispatcher(d).callTimeout(20, TimeUnit.SECONDS).build();
  }

  @AfterEach
  void close() throws Exception {
    callers.shutdownNow();
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  /** A host of 8 threads with the callback route over {@code journal}, its pump running. */
  HttpHost host(java.util.function.Supplier<InboxJournal> journal, Duration durableWithin) {
    JournalPump pump = new JournalPump(journal, (cb, id, done) -> handedOn.add(cb), () -> 0, 100, () -> { });
    CallbackReceiver receiver = CallbackReceiver.builder().sdkAppId(JournalBeforeAckTest.APP).clock(BotClock.system())
        .sink(handedOn::add).journal(new StoreCallbackJournal(journal, pump, 1000, () -> { }, "bot", durableWithin))
        .build();
    pump.start("test-pump");
    open.add(pump::stop);
    HttpHost host = HttpHost.builder().host("127.0.0.1").port(0).maxThreads(8).build()
        .route("/cb", new CallbackRoute(receiver)).start();
    open.add(host);
    return host;
  }

  CompletableFuture<String> post(HttpHost host, int n) {
    return CompletableFuture.supplyAsync(() -> {
      Request r = new Request.Builder().url(host.baseUri() + "/cb" + QUERY)
          .post(RequestBody.create(JournalBeforeAckTest.body(n), JSON)).build();
      try (Response answer = http.newCall(r).execute()) {
        return answer.code() + " " + answer.body().string();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }, callers);
  }

  @Test
  void callbacksAreAnsweredOnlyOnceDurableAndNoServerThreadWaitsForTheCommit() throws Exception {
    HeldCommits held = new HeldCommits();
    EmbeddedStore store = held.open(dir, BotClock.system());
    open.add(store);
    HttpHost host = host(store::journal, Duration.ofSeconds(60));
    held.hold();
    List<CompletableFuture<String>> answers = new ArrayList<>();
    for (int n = 1; n <= 20; n++) {
      answers.add(post(host, n)); // more than the host's 8 threads
    }
    assertThat(held.awaitWaitingCommit()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> handedOn.size() == 20);
    assertThat(answers).as("none acknowledged before its entry is durable").noneMatch(CompletableFuture::isDone);
    // An early 200 could still be on its way to the client: look again a little later.
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
        .until(() -> answers.stream().noneMatch(CompletableFuture::isDone));

    held.release();
    for (CompletableFuture<String> a : answers) {
      assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo("200 " + CallbackResponse.OK_BODY);
    }
    assertThat(store.journal().unfinished(0, 100)).hasSize(20);
  }

  @Test
  void aStoreThatCannotCommitIsAnswered503() throws Exception {
    FakeJournal journal = new FakeJournal();
    HttpHost host = host(() -> journal, Duration.ofSeconds(60));
    CompletableFuture<String> answer = post(host, 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> handedOn.size() == 1);
    assertThat(answer).isNotDone();

    journal.commit.completeExceptionally(new IllegalStateException("the store is halted"));
    assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(
        "503 {\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"the callback could not be recorded; try again\",\"ErrorCode\":503}");
  }

  @Test
  void anEntryNotDurableInTimeIsAnswered503WithoutATimerPerCallback() throws Exception {
    FakeJournal journal = new FakeJournal(); // its commit never completes
    HttpHost host = host(() -> journal, Duration.ofMillis(200));
    String answer = post(host, 1).get(10, TimeUnit.SECONDS);
    assertThat(answer).isEqualTo("503 {\"ActionStatus\":\"FAIL\",\"ErrorInfo\":"
        + "\"the callback could not be recorded in time; try again\",\"ErrorCode\":503}");
    assertThat(journal.commit).as("the store's own future is left alone").isNotDone();
  }

  /** An early-hand-on journal whose one commit the test completes. */
  static final class FakeJournal implements InboxJournal, EarlyHandOn, ConsecutiveIds {
    final CompletableFuture<Long> commit = new CompletableFuture<>();
    final AtomicLong ids = new AtomicLong();

    @Override
    public Written write(String partition, byte[] payload) {
      return new Written(ids.incrementAndGet(), commit);
    }

    @Override
    public CompletableFuture<Long> append(String partition, byte[] payload) {
      throw new UnsupportedOperationException("written early only");
    }

    @Override
    public void finish(long id) { }

    @Override
    public List<Entry> unfinished(long afterId, int limit) {
      return List.of();
    }

    @Override
    public long backlog() {
      return 0;
    }
  }
}
