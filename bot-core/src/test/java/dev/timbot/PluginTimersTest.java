package dev.timbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.internal.store.Stores;
import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.spi.ImClient;
import dev.timbot.spi.Store;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A plugin's durable timers ({@link Handlers#timers}): armed in the store, fired by the bot's poller. */
class PluginTimersTest {
  final VirtualClock clock = new VirtualClock();

  static ImClient im() {
    return (ImClient) Proxy.newProxyInstance(ImClient.class.getClassLoader(), new Class<?>[] {ImClient.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "importAccount", "createRobot", "setProfile" -> CompletableFuture.completedFuture(null);
          case "checkAccounts" -> CompletableFuture.completedFuture(Map.of("bot", true));
          case "toString" -> "FakeIm";
          case "hashCode" -> 0;
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  @Test
  void aDueTimerOfThePluginsPrefixIsHandedToItOnce_otherPrefixesAreNot() {
    Store store = Stores.open("memory:", clock);
    List<String> fired = new CopyOnWriteArrayList<>();
    try (Bot bot = Bot.builder().config(BotConfig.forAccount("bot")).imClient(im()).clock(clock).externalIntake()
        .store(store)
        .plugin((Plugin) on -> on.timers("mine:", due -> fired.add(due.key() + "=" + new String(due.payload(), StandardCharsets.UTF_8))))
        .build()) {
      bot.start();
      store.timers().schedule("mine:a", clock.now().plusSeconds(5), "x".getBytes(StandardCharsets.UTF_8));
      clock.advance(Duration.ofSeconds(4));
      assertThat(bot.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(fired).isEmpty();
      clock.advance(Duration.ofSeconds(2));
      assertThat(bot.awaitIdle(Duration.ofSeconds(30))).isTrue(); // it runs in a lane of its key
      assertThat(fired).containsExactly("mine:a=x");
      clock.advance(Duration.ofMinutes(10));
      assertThat(bot.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(fired).containsExactly("mine:a=x"); // done: not due again
      assertThat(store.timers().claimDue(clock.now().plus(Duration.ofDays(1)), Duration.ofMinutes(1), 10)).isEmpty();
    }
  }

  @Test
  void aPrefixHasOneHandler_andTimersAreRegisteredInConfigureOnly() {
    assertThatThrownBy(() -> Bot.builder().config(BotConfig.forAccount("bot")).imClient(im()).clock(clock)
        .store("memory:").plugin((Plugin) on -> on.timers("ask:", due -> { })).build())
        .hasMessageContaining("ask:");
    Handlers[] later = new Handlers[1];
    try (Bot bot = Bot.builder().config(BotConfig.forAccount("bot")).imClient(im()).clock(clock).store("memory:")
        .plugin((Plugin) on -> later[0] = on).build()) {
      assertThatThrownBy(() -> later[0].timers("mine:", due -> { })).hasMessageContaining("Plugin.configure");
      assertThat(bot).isNotNull();
    }
  }
}
