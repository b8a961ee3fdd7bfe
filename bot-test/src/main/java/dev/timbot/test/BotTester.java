package dev.timbot.test;

import dev.timbot.Bot;
import dev.timbot.BotBuilder;
import dev.timbot.BotConfig;
import dev.timbot.BotEvent;
import dev.timbot.BotEvent.BotError;
import dev.timbot.MatchTrace;
import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.message.Conversation;
import dev.timbot.message.Message;
import dev.timbot.Plugin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * Tests a bot or plugin with no network, in the style of NoneBug: deliver messages as users,
 * then assert what the bot sent.
 *
 * <pre>
 * &#64;RegisterExtension BotTester bot = BotTester.of(new EchoPlugin());
 *
 * &#64;Test void echoes() {
 *   bot.user("alice").says("hi");
 *   bot.shouldReply("You said: hi").shouldNotReply();
 * }
 * </pre>
 *
 * <p>Messages go through the real path — the documented callback JSON handed to the bot's {@code
 * callbacks()} endpoint (checks, validation, parsing), de-duplication, routing, lanes,
 * interceptors, handlers, the outbox — against a
 * {@link FakeIm}. Time is a {@link VirtualClock}: {@link #advance} fires timeouts. Every delivery
 * waits until the bot is idle (a condition wait, never a sleep), so assertions are deterministic;
 * {@code push} variants return at once for tests of concurrency.
 *
 * <p>Registered as a JUnit 5 extension it stops the bot after each test.
 */
public final class BotTester implements AutoCloseable, AfterEachCallback {
  /** The SDKAppID of a tester's bot when its configuration names none. */
  public static final long TEST_SDK_APP_ID = 1400000000L;
  /** Real-time bound for waits; a test that needs longer has a blocked handler. */
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final Bot bot;
  private final FakeIm im;
  private final VirtualClock clock;
  private final MeterRegistry meters;
  private final CallbackFactory callbacks;
  private final CallbackIntake intake;
  private final BotRecorder recorder;
  private final SentCursor sent;

  private BotTester(Builder b) {
    this.im = b.im;
    this.clock = b.clock;
    this.meters = b.meters;
    BotConfig config = b.config != null ? b.config : BotConfig.forAccount(b.account);
    if (config.tim().sdkAppId() <= 0) {
      config = config.with("tim.sdkAppId", Long.toString(TEST_SDK_APP_ID)); // callbacks name their app
    }
    // memory: — a test starts from nothing and leaves nothing behind.
    BotBuilder builder = Bot.builder().config(config).imClient(im).clock(clock).meterRegistry(meters)
        .externalIntake().store("memory:");
    b.plugins.forEach(p -> {
      if (p instanceof Plugin plugin) {
        builder.plugin(plugin);
      } else {
        @SuppressWarnings("unchecked")
        Class<? extends Plugin> type = (Class<? extends Plugin>) p;
        builder.plugin(type);
      }
    });
    b.customizers.forEach(c -> c.accept(builder));
    this.bot = builder.build();
    this.callbacks = new CallbackFactory(bot.account(), clock);
    this.intake = new CallbackIntake(bot, clock);
    this.recorder = new BotRecorder(bot);
    this.sent = new SentCursor(im);
    if (b.start) {
      bot.start();
    }
  }

  /** A started tester for these plugins, as account {@code bot}. */
  public static BotTester of(Plugin... plugins) {
    Builder b = builder();
    for (Plugin p : plugins) {
      b.plugin(p);
    }
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  // --- access -----------------------------------------------------------------------------------

  public Bot bot() {
    return bot;
  }

  public FakeIm im() {
    return im;
  }

  public VirtualClock clock() {
    return clock;
  }

  public MeterRegistry meters() {
    return meters;
  }

  public void start() {
    bot.start();
  }

  // --- delivering -------------------------------------------------------------------------------

  /** Acts as user {@code id}. */
  public User user(String id) {
    return new User(this, id, null, List.of());
  }

  /**
   * Delivers a callback body (any documented command, as the service sends it) through the
   * bot's callback endpoint, then waits until the bot is idle. Fails if the bot refuses it.
   */
  public void deliver(String callbackJson) {
    push(callbackJson);
    awaitIdle();
  }

  /** Delivers a callback body without waiting for the bot to handle it. */
  public void push(String callbackJson) {
    intake.post(callbackJson);
  }

  /**
   * {@code State.StateChange} for {@code user}: {@code action} {@code Login}, {@code Logout} or
   * {@code Disconnect}, with the service's {@code reason} ({@code Register}, {@code Unregister},
   * {@code LinkClose}, {@code TimeOut}…).
   */
  public void userStatus(String user, String action, String reason) {
    deliver(callbacks.stateChange(user, action, reason));
  }

  /** {@code user} logs in (an agent coming online, say). */
  public void userLogsIn(String user) {
    userStatus(user, "Login", "Register");
  }

  Delivery send(User user, Conversation conv, List<dev.timbot.message.MessageElem> elements, boolean wait) {
    CallbackFactory.Built cb = conv.isGroup()
        ? callbacks.group(conv.id(), user.id(), elements, user.mentions())
        : callbacks.c2c(user.id(), user.to(), elements);
    Delivery d = new Delivery(this, cb.json(), cb.message());
    if (wait) {
      deliver(cb.json());
    } else {
      push(cb.json());
    }
    return d;
  }

  // --- time and idleness ------------------------------------------------------------------------

  /** Moves the virtual clock (running due timers: timeouts, TTLs), then waits until idle. */
  public BotTester advance(Duration by) {
    clock.advance(by);
    awaitIdle();
    return this;
  }

  /** Waits until no message is queued or being handled; fails if that takes over 20 s real time. */
  public BotTester awaitIdle() {
    if (!bot.awaitIdle(WAIT)) {
      throw new AssertionFailedError("the bot did not become idle within " + WAIT + " (is a handler blocked?)");
    }
    return this;
  }

  /** Waits until at least {@code count} messages were sent in total. */
  public BotTester awaitSent(int count) {
    try {
      if (!im.awaitSent(count, WAIT.toMillis())) {
        throw new AssertionFailedError("expected " + count + " sends, saw " + im.sent().size() + ": " + im.sent());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionFailedError("interrupted");
    }
    return this;
  }

  // --- assertions (NoneBug names) ---------------------------------------------------------------

  /** The next unchecked message the bot sent must be exactly this text. */
  public BotTester shouldReply(String text) {
    FakeIm.Sent s = nextSent();
    if (!s.text().equals(text) || s.elements().size() != 1) {
      throw new AssertionFailedError("unexpected reply " + s, text, s.text());
    }
    return this;
  }

  /** The next unchecked message the bot sent must satisfy {@code check} (which may throw). */
  public BotTester shouldReply(Consumer<FakeIm.Sent> check) {
    check.accept(nextSent());
    return this;
  }

  /** The next unchecked message must go to {@code to} with this text. */
  public BotTester shouldSend(Conversation to, String text) {
    FakeIm.Sent s = nextSent();
    if (!s.to().equals(to) || !s.text().equals(text)) {
      throw new AssertionFailedError("unexpected send " + s, to + ": " + text, s.to() + ": " + s.text());
    }
    return this;
  }

  /** The next unchecked message must be a custom message whose JSON Data reads as {@code type}. */
  public <T> T shouldReplyCustom(Class<T> type) {
    return nextSent().custom(type);
  }

  /** No message was sent since the last check. */
  public BotTester shouldNotReply() {
    List<FakeIm.Sent> rest = remaining();
    if (!rest.isEmpty()) {
      throw new AssertionFailedError("expected no reply, but the bot sent " + rest);
    }
    return this;
  }

  /** The next unchecked sent message. */
  public FakeIm.Sent nextSent() {
    return sent.next(() -> {
      MatchTrace last = recorder.lastTraceOrNull();
      String why = last == null ? "" : "\nlast match trace: " + last;
      String errs = errors().isEmpty() ? "" : "\nerrors: " + errors();
      return why + errs;
    });
  }

  /** Sent messages not yet checked (they stay unchecked). */
  public List<FakeIm.Sent> remaining() {
    return sent.remaining();
  }

  // --- diagnostics and events -------------------------------------------------------------------

  public List<MatchTrace> traces() {
    return recorder.traces();
  }

  public MatchTrace lastTrace() {
    MatchTrace last = recorder.lastTraceOrNull();
    if (last == null) {
      throw new AssertionFailedError("no message was dispatched");
    }
    return last;
  }

  /** The trace of one message. */
  public MatchTrace traceOf(Message message) {
    return recorder.traceOf(message);
  }

  /** Every event of one kind so far. */
  public <T> List<T> events(BotEvent<T> event) {
    return recorder.events(event);
  }

  public List<BotError> errors() {
    return events(BotEvent.ERROR);
  }

  // --- teardown ---------------------------------------------------------------------------------

  /** Stops the bot, moving the virtual clock past the stop deadline if work is stuck. */
  @Override
  public void close() {
    var stopping = bot.stopAsync();
    try {
      stopping.get(2, TimeUnit.SECONDS);
    } catch (Exception first) {
      clock.advance(bot.config().dispatch().stopTimeout());
      try {
        stopping.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("the bot did not stop", e);
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  /** Configures a {@link BotTester}. */
  public static final class Builder {
    private final List<Object> plugins = new ArrayList<>();
    private final List<Consumer<BotBuilder>> customizers = new ArrayList<>();
    private String account = "bot";
    private BotConfig config;
    private FakeIm im = new FakeIm();
    private VirtualClock clock = new VirtualClock();
    private MeterRegistry meters = new SimpleMeterRegistry();
    private boolean start = true;

    private Builder() {}

    public Builder account(String account) {
      this.account = Objects.requireNonNull(account);
      return this;
    }

    /** A full configuration ({@code bot.account} inside it wins over {@link #account}). */
    public Builder config(BotConfig config) {
      this.config = config;
      return this;
    }

    /** Configuration from YAML text (no environment). */
    public Builder yaml(String yaml) {
      return config(BotConfig.parse(yaml));
    }

    public Builder plugin(Plugin plugin) {
      plugins.add(plugin);
      return this;
    }

    public Builder plugin(Class<? extends Plugin> type) {
      plugins.add(type);
      return this;
    }

    public Builder im(FakeIm im) {
      this.im = im;
      return this;
    }

    public Builder clock(VirtualClock clock) {
      this.clock = clock;
      return this;
    }

    /** Makes {@code instance} injectable as {@code type} into the plugins ({@link BotBuilder#bind}). */
    public <T> Builder bind(Class<T> type, T instance) {
      return customize(b -> b.bind(type, instance));
    }

    /** Anything else on the bot builder (session store, media store, IM client). */
    public Builder customize(Consumer<BotBuilder> customizer) {
      customizers.add(customizer);
      return this;
    }

    /** Build without starting (to test start itself, or calls before start). */
    public Builder unstarted() {
      this.start = false;
      return this;
    }

    public BotTester build() {
      return new BotTester(this);
    }
  }
}
