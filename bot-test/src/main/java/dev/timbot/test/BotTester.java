package dev.timbot.test;

import dev.timbot.Bot;
import dev.timbot.BotBuilder;
import dev.timbot.BotConfig;
import dev.timbot.BotEvent;
import dev.timbot.BotEvent.BotError;
import dev.timbot.MatchTrace;
import dev.timbot.spi.VirtualClock;
import dev.timbot.message.Conversation;
import dev.timbot.message.Message;
import dev.timbot.Plugin;
import dev.timbot.internal.callback.CallbackEvent;
import dev.timbot.internal.callback.ReceivedCallback;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
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
 * <p>Messages go through the real path — a callback record pushed into the bot's {@code
 * callbackSink()}, de-duplication, routing, lanes, interceptors, handlers, the outbox — against a
 * {@link FakeIm}. Time is a {@link VirtualClock}: {@link #advance} fires timeouts. Every delivery
 * waits until the bot is idle (a condition wait, never a sleep), so assertions are deterministic;
 * {@code push} variants return at once for tests of concurrency.
 *
 * <p>Registered as a JUnit 5 extension it stops the bot after each test.
 */
public final class BotTester implements AutoCloseable, AfterEachCallback {
  /** Real-time bound for waits; a test that needs longer has a blocked handler. */
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final Bot bot;
  private final FakeIm im;
  private final VirtualClock clock;
  private final MeterRegistry meters;
  private final CallbackFactory callbacks;
  private final List<MatchTrace> traces = new CopyOnWriteArrayList<>();
  private final Map<BotEvent<?>, List<Object>> events = new ConcurrentHashMap<>();
  private int consumed;

  private BotTester(Builder b) {
    this.im = b.im;
    this.clock = b.clock;
    this.meters = b.meters;
    BotConfig config = b.config != null ? b.config : BotConfig.forAccount(b.account);
    BotBuilder builder = Bot.builder().config(config).imClient(im).clock(clock).meterRegistry(meters)
        .externalIntake();
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
    bot.onTrace(traces::add);
    for (BotEvent<?> e : BotEvent.ALL) {
      record(e);
    }
    if (b.start) {
      bot.start();
    }
  }

  private <T> void record(BotEvent<T> event) {
    List<Object> list = events.computeIfAbsent(event, k -> new CopyOnWriteArrayList<>());
    bot.on(event, list::add);
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

  /** Pushes any callback into the bot, then waits until the bot is idle. */
  public void deliver(CallbackEvent event) {
    push(event);
    awaitIdle();
  }

  /** Pushes any callback into the bot without waiting. */
  public void push(CallbackEvent event) {
    bot.callbackSink().accept(new ReceivedCallback(event, "127.0.0.1", "RESTAPI", clock.now()));
  }

  Delivery send(User user, Conversation conv, List<dev.timbot.message.MessageElem> elements, boolean wait) {
    CallbackEvent cb = conv.isGroup()
        ? callbacks.group(conv.id(), user.id(), elements, user.mentions())
        : callbacks.c2c(user.id(), user.to(), elements);
    Delivery d = new Delivery(this, cb, CallbackFactory.messageOf(cb, bot.account()));
    if (wait) {
      deliver(cb);
    } else {
      push(cb);
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
  public synchronized FakeIm.Sent nextSent() {
    List<FakeIm.Sent> all = im.sent();
    if (consumed >= all.size()) {
      String why = traces.isEmpty() ? "" : "\nlast match trace: " + traces.get(traces.size() - 1);
      String errs = errors().isEmpty() ? "" : "\nerrors: " + errors();
      throw new AssertionFailedError("expected a reply, but the bot sent nothing more" + why + errs);
    }
    return all.get(consumed++);
  }

  /** Sent messages not yet checked (they stay unchecked). */
  public synchronized List<FakeIm.Sent> remaining() {
    List<FakeIm.Sent> all = im.sent();
    return new ArrayList<>(all.subList(Math.min(consumed, all.size()), all.size()));
  }

  // --- diagnostics and events -------------------------------------------------------------------

  public List<MatchTrace> traces() {
    return List.copyOf(traces);
  }

  public MatchTrace lastTrace() {
    if (traces.isEmpty()) {
      throw new AssertionFailedError("no message was dispatched");
    }
    return traces.get(traces.size() - 1);
  }

  /** The trace of one message. */
  public MatchTrace traceOf(Message message) {
    return traces.stream().filter(t -> t.message().dedupeKey().equals(message.dedupeKey())).findFirst()
        .orElseThrow(() -> new AssertionFailedError("message " + message.dedupeKey() + " was not dispatched; traces: "
            + traces.stream().map(t -> t.message().dedupeKey()).collect(Collectors.toList())));
  }

  /** Every event of one kind so far. */
  @SuppressWarnings("unchecked")
  public <T> List<T> events(BotEvent<T> event) {
    return (List<T>) List.copyOf(events.getOrDefault(event, List.of()));
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
