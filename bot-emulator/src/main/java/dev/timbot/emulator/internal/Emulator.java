package dev.timbot.emulator.internal;

import dev.timbot.spi.BotClock;
import dev.timbot.emulator.internal.callback.CallbackDispatcher;
import dev.timbot.emulator.internal.client.ClientHub;
import dev.timbot.emulator.internal.media.MediaLinker;
import dev.timbot.emulator.internal.media.MediaStore;
import dev.timbot.emulator.internal.rest.RateLimiter;
import dev.timbot.emulator.internal.store.AccountStore;
import dev.timbot.emulator.internal.store.C2cStore;
import dev.timbot.emulator.internal.store.GroupStore;
import dev.timbot.emulator.internal.store.ProfileStore;
import dev.timbot.emulator.internal.store.RelationStore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The shared state of one emulator instance: configuration, clock, the stores, media, callbacks
 * and the client hub. Behaviour lives in the services under {@code internal.api}; this class only
 * wires and resets.
 */
public final class Emulator implements AutoCloseable {
  public final EmulatorConfig config;
  public final BotClock clock;
  public final AccountStore accounts = new AccountStore();
  public final ProfileStore profiles = new ProfileStore();
  public final RelationStore relations = new RelationStore();
  public final C2cStore c2c = new C2cStore();
  public final GroupStore groups = new GroupStore();
  public final MediaStore media = new MediaStore();
  public final MediaLinker mediaLinker;
  public final RateLimiter limiter;
  public final CallbackDispatcher callbacks;
  public final ClientHub clients = new ClientHub();
  private final AtomicLong msgIdCounter = new AtomicLong(1);

  public Emulator(EmulatorConfig config, Supplier<String> baseUrl) {
    this.config = config;
    this.clock = config.clock();
    this.limiter = new RateLimiter(clock);
    this.mediaLinker = new MediaLinker(media, baseUrl);
    this.callbacks =
        new CallbackDispatcher(config.sdkAppId(), clock, config.callbackUrl(),
            config.callbackToken(), config.enabledCallbacks());
    callbacks.setFailClosed(config.beforeCallbackFailureRejects());
    seed();
  }

  /** Wall-clock seconds. */
  public long nowSeconds() {
    return clock.now().getEpochSecond();
  }

  /** {@code EventTime}: wall-clock milliseconds. */
  public long eventTime() {
    return clock.now().toEpochMilli();
  }

  /** A {@code MsgId} in the service's {@code <id>-<time>-<random>} shape. */
  public String newMsgId(long time, long random) {
    return (144115233406640000L + msgIdCounter.getAndIncrement()) + "-" + time + "-" + random;
  }

  /** Back to a fresh service: only the admin account exists. Callback settings are kept. */
  public void reset() {
    accounts.clear();
    profiles.clear();
    relations.clear();
    c2c.clear();
    groups.clear();
    media.clear();
    limiter.reset();
    seed();
  }

  private void seed() {
    accounts.importAccount(config.admin(), nowSeconds());
  }

  @Override
  public void close() {
    callbacks.close();
  }
}
