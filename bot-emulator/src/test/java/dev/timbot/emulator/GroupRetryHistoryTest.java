package dev.timbot.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.timbot.Outgoing;
import dev.timbot.SentMessage;
import dev.timbot.internal.outbox.DurableOutbox;
import dev.timbot.internal.outbox.RetrySchedule;
import dev.timbot.internal.rest.TencentImClient;
import dev.timbot.internal.rest.TransportException;
import dev.timbot.internal.runtime.BotMetrics;
import dev.timbot.internal.runtime.EventBus;
import dev.timbot.internal.store.Stores;
import dev.timbot.message.Conversation;
import dev.timbot.message.TextElem;
import dev.timbot.spi.ImAdmin.GroupHistoryPage;
import dev.timbot.spi.ImClient;
import dev.timbot.spi.Store;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A group reply whose answer was lost, retried after an outage longer than the service's dedupe
 * window: the outbox finds the first attempt in {@code group_msg_get_simple} and does not send
 * it again, so the group's history holds it once.
 */
class GroupRetryHistoryTest extends EmulatorTestBase {
  final AtomicInteger outstanding = new AtomicInteger();
  final AtomicInteger historyCalls = new AtomicInteger();
  volatile boolean loseNextAnswer;
  volatile boolean outage;

  @Override
  String[] accounts() {
    return new String[] {"bot", "alice"};
  }

  /** The real REST client, with the faults of a flaky network in front of its group calls. */
  ImClient faulty(ImClient real) {
    return (ImClient) Proxy.newProxyInstance(ImClient.class.getClassLoader(), new Class<?>[] {ImClient.class},
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals("getGroupHistory")) {
            historyCalls.incrementAndGet();
          }
          boolean faultable = name.equals("sendGroupMessage") || name.equals("getGroupHistory");
          if (faultable && outage) {
            return CompletableFuture.failedFuture(new TransportException("HTTP 502", true, false, null));
          }
          Object result;
          try {
            result = method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (result instanceof CompletableFuture<?> f) {
            outstanding.incrementAndGet();
            boolean lose = name.equals("sendGroupMessage") && loseNextAnswer;
            loseNextAnswer &= !lose;
            return f.handle((v, e) -> {
              outstanding.decrementAndGet();
              if (lose) {
                throw new TransportException("connection reset after the request was sent", true, true, null);
              }
              if (e != null) {
                throw e instanceof RuntimeException re ? re : new RuntimeException(e);
              }
              return v;
            });
          }
          return result;
        });
  }

  void advance(Duration by) {
    clock.advance(by);
    await().atMost(Duration.ofSeconds(10)).until(() -> outstanding.get() == 0);
  }

  String group() {
    JsonNode r = rest.call("group_open_http_svc", "create_group",
        "{'Owner_Account':'alice','Type':'Public','Name':'Support','MemberList':[{'Member_Account':'bot'}]}");
    assertThat(r.path("ErrorCode").asInt()).as(r.toString()).isZero();
    return r.path("GroupId").asText();
  }

  List<String> historyTexts(String gid) {
    JsonNode page = rest.call("group_open_http_svc", "group_msg_get_simple", "{'GroupId':'" + gid + "','ReqMsgNumber':20}");
    return page.path("RspMsgList").findValues("Text").stream().map(JsonNode::asText).toList();
  }

  @Test
  void aLostAnswerRetriedPastTheDedupeWindowIsNotSentTwice() throws Exception {
    String gid = group();
    try (TencentImClient real = TencentImClient.builder().sdkAppId(im.sdkAppId()).secretKey(im.secretKey())
            .admin(im.admin()).baseUrl(im.baseUrl()).clock(clock).maxAttempts(1).build();
        Store store = Stores.open("memory:", clock)) {
      DurableOutbox outbox = new DurableOutbox(store::outbox, faulty(real), "bot", List.of(),
          new BotMetrics(new SimpleMeterRegistry(), "bot").sendListener(new EventBus()), clock,
          RetrySchedule.defaults());
      loseNextAnswer = true;
      CompletableFuture<SentMessage> sent =
          outbox.send(new Outgoing(Conversation.group(gid), List.of(TextElem.of("Your ticket is #42")), null));
      await().atMost(Duration.ofSeconds(10)).until(() -> !loseNextAnswer && outstanding.get() == 0);
      assertThat(historyTexts(gid)).containsExactly("Your ticket is #42"); // it landed; the bot does not know
      outage = true;
      for (int i = 0; i < 36; i++) { // six minutes: past the group dedupe window of five
        advance(Duration.ofSeconds(10));
      }
      outage = false;
      for (int i = 0; i < 18 && !sent.isDone(); i++) {
        advance(Duration.ofSeconds(10));
      }
      assertThat(sent.get(10, TimeUnit.SECONDS).msgSeq()).isEqualTo(1);
      assertThat(historyCalls.get()).isPositive();
      assertThat(historyTexts(gid)).containsExactly("Your ticket is #42");
    }
  }

  @Test
  void theClientReadsTheDocumentedPage() throws Exception {
    String gid = group();
    for (int i = 1; i <= 25; i++) {
      rest.call("group_open_http_svc", "send_group_msg", "{'GroupId':'" + gid + "','From_Account':'alice','Random':"
          + i + ",'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'m" + i + "'}}]}");
    }
    try (TencentImClient client = TencentImClient.builder().sdkAppId(im.sdkAppId()).secretKey(im.secretKey())
        .admin(im.admin()).baseUrl(im.baseUrl()).clock(clock).build()) {
      GroupHistoryPage newest = client.getGroupHistory(gid, null, 20).get(10, TimeUnit.SECONDS);
      assertThat(newest.messages()).hasSize(20);
      assertThat(newest.messages().get(0).message().msgSeq()).isEqualTo(25);
      assertThat(newest.messages().get(0).message().msgRandom()).isEqualTo(25);
      assertThat(newest.messages().get(0).message().from()).isEqualTo("alice");
      assertThat(((TextElem) newest.messages().get(0).message().elements().get(0)).text()).isEqualTo("m25");
      assertThat(newest.complete()).isFalse();
      GroupHistoryPage older = client.getGroupHistory(gid, 5L, 20).get(10, TimeUnit.SECONDS);
      assertThat(older.messages()).extracting(m -> m.message().msgSeq()).containsExactly(5L, 4L, 3L, 2L, 1L);
      assertThat(older.complete()).isTrue();
    }
  }
}
