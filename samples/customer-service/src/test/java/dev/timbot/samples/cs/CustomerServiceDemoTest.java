package dev.timbot.samples.cs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timbot.emulator.ClientMessage;
import dev.timbot.emulator.ImUserListener;
import dev.timbot.emulator.ImUsers;
import dev.timbot.message.MessageElem;
import dev.timbot.message.TextElem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample end to end, in-process on free ports: a customer and an agent use the emulator's
 * client API (what the browser console uses); the bot gets real callbacks and answers over REST.
 */
class CustomerServiceDemoTest {
  @TempDir Path data;
  CustomerServiceDemo.Running demo;
  final List<ClientMessage> toCustomer = new CopyOnWriteArrayList<>();
  final List<ClientMessage> toAgent = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    demo = CustomerServiceDemo.start(new DemoOptions(0, 0, null, data, Map.of()));
  }

  @AfterEach
  void stop() {
    demo.close();
  }

  static String texts(List<ClientMessage> messages) {
    return messages.stream()
        .map(m -> m.body().stream().filter(TextElem.class::isInstance).map(e -> ((TextElem) e).text())
            .collect(Collectors.joining()))
        .collect(Collectors.joining("\n"));
  }

  static ImUserListener into(List<ClientMessage> sink) {
    return new ImUserListener() {
      @Override
      public void onMessage(ClientMessage message) {
        sink.add(message);
      }
    };
  }

  @Test
  void customerIsWelcomedAnsweredAndHandedToAnAgentWhoGetsTheRelayedMessage() throws Exception {
    ImUsers users = demo.im().users();
    String bot = demo.bot().account();
    users.login("customer1");
    users.subscribe("customer1", into(toCustomer));
    users.login("agent1"); // fires State.StateChange Login: the desk sees the agent online
    users.subscribe("agent1", into(toAgent));
    assertThat(demo.customerUrl()).contains("user=customer1").contains("peer=%40RBT%23service");

    List<MessageElem> hello = List.of(TextElem.of("你好"));
    users.sendC2C("customer1", bot, hello, null);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(texts(toCustomer)).contains("我是小T客服").contains("有什么可以帮您"));

    users.sendC2C("customer1", bot, List.of(TextElem.of("where is order 1234567?")), null);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(texts(toCustomer)).contains("订单 1234567 已发货"));

    users.sendC2C("customer1", bot, List.of(TextElem.of("怎么申请退款")), null);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(texts(toCustomer)).contains("申请售后 → 退货退款"));

    users.sendC2C("customer1", bot, List.of(TextElem.of("how long does shipping take?")), null);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(texts(toCustomer)).contains("Did you mean").contains("1. How long does delivery take?"));
    int before = toCustomer.size();
    users.sendC2C("customer1", bot, List.of(TextElem.of("1")), null);
    await().atMost(Duration.ofSeconds(10)).until(() -> toCustomer.size() > before);
    assertThat(texts(toCustomer.subList(before, toCustomer.size()))).doesNotContain("Sorry");

    users.sendC2C("customer1", bot, List.of(TextElem.of("转人工")), null);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(texts(toCustomer)).contains("agent1"));
    users.sendC2C("customer1", bot, List.of(TextElem.of("my parcel is late")), null);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(texts(toAgent)).contains("[customer1] my parcel is late"));

    users.sendC2C("agent1", bot, List.of(TextElem.of("Let me check that for you.")), null);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(texts(toCustomer)).contains("Let me check that for you."));
  }
}
