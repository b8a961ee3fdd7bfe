package dev.timbot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.spi.BotClock;
import dev.timbot.ConfigException;
import dev.timbot.spi.SessionStore;
import dev.timbot.spi.ImAdmin;
import dev.timbot.ConfigSection;
import dev.timbot.Handlers;
import dev.timbot.Plugin;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PluginWiringTest {
  static final List<String> LOG = new CopyOnWriteArrayList<>();

  @ConfigSection("greeter")
  public record GreeterConfig(String greeting, int maxPerHour) {
    public GreeterConfig {
      if (greeting == null) {
        greeting = "Hello";
      }
      if (maxPerHour < 0) {
        throw new IllegalArgumentException("maxPerHour must be >= 0");
      }
    }
  }

  /** Field injection into a plugin instance. */
  public static final class Greeter implements Plugin {
    @Inject GreeterConfig config;
    @Inject ImAdmin im; // sends go through Messenger: the raw sender is not injectable
    @Inject SessionStore sessions;
    @Inject BotClock clock;

    @Override
    public void configure(Handlers on) {
      on.command("greet", ctx -> ctx.reply(config.greeting() + ", " + ctx.sender()));
    }

    @Override
    public void start() {
      LOG.add("start greeter");
    }

    @Override
    public void stop() {
      LOG.add("stop greeter");
    }
  }

  /** Constructor injection, depending on another plugin. */
  public static final class Audit implements Plugin {
    private final Greeter greeter;

    @Inject
    public Audit(Greeter greeter) {
      this.greeter = greeter;
    }

    @Override
    public void configure(Handlers on) {
      on.command("audit", ctx -> ctx.reply("greeting is " + greeter.config.greeting()));
    }

    @Override
    public void start() {
      LOG.add("start audit");
    }

    @Override
    public void stop() {
      LOG.add("stop audit");
    }
  }

  public static final class Store implements Plugin {
    @Override
    public void configure(Handlers on) {}

    @Override
    public void start() {
      LOG.add("start store");
    }

    @Override
    public void stop() {
      LOG.add("stop store");
    }
  }

  public static final class UsesStore implements Plugin {
    @Override
    public void configure(Handlers on) {}

    @Override
    public List<Class<? extends Plugin>> dependsOn() {
      return List.of(Store.class);
    }

    @Override
    public void start() {
      LOG.add("start uses-store");
    }

    @Override
    public void stop() {
      LOG.add("stop uses-store");
    }
  }

  @Test
  void pluginsGetTheirConfigRecordAndRuntimeServicesInjected() {
    Greeter greeter = new Greeter();
    try (BotTester tester = BotTester.builder().yaml("bot: {account: bot}\ngreeter: {greeting: Hi}")
        .plugin(Audit.class).plugin(greeter).build()) {
      assertThat(greeter.config).isEqualTo(new GreeterConfig("Hi", 0));
      assertThat(greeter.im).isSameAs(tester.bot().im());
      assertThat(greeter.clock).isSameAs(tester.clock());
      assertThat(greeter.sessions).isNotNull();
      tester.user("alice").says("/greet");
      tester.shouldReply("Hi, alice");
      tester.user("alice").says("/audit");
      tester.shouldReply("greeting is Hi");
    }
  }

  @Test
  void aMissingSectionUsesTheRecordDefaults() {
    Greeter greeter = new Greeter();
    try (BotTester tester = BotTester.builder().plugin(greeter).build()) {
      assertThat(greeter.config.greeting()).isEqualTo("Hello");
    }
  }

  @Test
  void anInvalidSectionFailsTheBuildNamingTheKey() {
    assertThatThrownBy(() -> BotTester.builder().yaml("bot: {account: bot}\ngreeter: {maxPerHour: -1}")
        .plugin(new Greeter()).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("greeter: invalid GreeterConfig: maxPerHour must be >= 0");
    assertThatThrownBy(() -> BotTester.builder().yaml("bot: {account: bot}\ngreeter: {greting: x}")
        .plugin(new Greeter()).build())
        .hasMessageStartingWith("greeter.greting: unknown key");
  }

  @Test
  void pluginsStartInDependencyOrderAndStopInReverse() {
    LOG.clear();
    try (BotTester tester = BotTester.builder()
        .plugin(new UsesStore()).plugin(Audit.class).plugin(new Greeter()).plugin(new Store()).build()) {
      assertThat(LOG).containsExactly("start store", "start uses-store", "start greeter", "start audit");
      LOG.clear();
    }
    assertThat(LOG).containsExactly("stop audit", "stop greeter", "stop uses-store", "stop store");
  }

  @Test
  void aPluginThatFailsToStartIsNamedAndStartedOnesAreStopped() {
    LOG.clear();
    Plugin broken = new Plugin() {
      @Override
      public String name() {
        return "payments";
      }

      @Override
      public void configure(Handlers on) {}

      @Override
      public void start() {
        throw new IllegalStateException("no database");
      }
    };
    var tester = BotTester.builder().plugin(new Store()).plugin(broken).unstarted().build();
    assertThatThrownBy(tester::start).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("plugin payments").hasMessageContaining("failed to start")
        .hasMessageContaining("no database");
    assertThat(LOG).containsExactly("start store", "stop store");
  }

  @Test
  void aDependencyThatIsNotRegisteredIsReported() {
    assertThatThrownBy(() -> BotTester.builder().plugin(new UsesStore()).build())
        .hasMessageContaining("UsesStore depends on Store, which is not registered");
  }

  interface Greeting {
    String text();
  }

  public static final class Uses implements Plugin {
    @Inject Greeting greeting;

    @Override
    public void configure(Handlers on) {
      on.command("g", ctx -> ctx.reply(greeting.text()));
    }
  }

  @Test
  void theApplicationsOwnObjectsAreInjectable() {
    try (BotTester tester = BotTester.builder().bind(Greeting.class, () -> "from the application")
        .plugin(new Uses()).build()) {
      tester.user("u").says("/g");
      tester.shouldReply("from the application");
    }
  }
}
