package dev.timbot.internal.rest;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rate limit where a call leaves: an OkHttp network interceptor, so it runs on the connection
 * right before the request is written, after the dispatcher's queue and any late timer. {@link
 * RateLimitInterceptor} paces calls ahead of time (without holding a thread); on a starved host
 * those calls are made late and bunch with punctual ones, and the service counts a sliding second.
 * Here every attempt is admitted against that sliding second — the app's, in the shared store,
 * when there is one; else this process's — and waits (on this HTTP thread, briefly: pacing keeps
 * the queue here short) until the window has room.
 */
final class WireGate implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(WireGate.class);

  /** How the gate waits; real time in production, a virtual clock's advance in tests. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;

    Sleeper PARK = nanos -> {
      LockSupport.parkNanos(nanos);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    };
  }

  private final BotClock clock;
  private final boolean perProcess;
  private final Sleeper sleeper;
  private final Supplier<Optional<Store.SharedRateLimit>> shared;
  private final ToIntFunction<String> ratePerApi;
  private final ImClientListener listener;
  private final Map<String, SlidingWindow> windows = new ConcurrentHashMap<>();

  /**
   * @param perProcess whether this process's own window applies when no shared one does: only
   *     when {@code clock} is real time (under a virtual clock no request leaves at a virtual time)
   */
  WireGate(BotClock clock, boolean perProcess, Sleeper sleeper, Supplier<Optional<Store.SharedRateLimit>> shared,
      ToIntFunction<String> ratePerApi, ImClientListener listener) {
    this.clock = clock;
    this.perProcess = perProcess;
    this.sleeper = sleeper;
    this.shared = shared;
    this.ratePerApi = ratePerApi;
    this.listener = listener;
  }

  /** The gate of a client on {@code clock}: the per-process window only on the system clock. */
  static WireGate of(BotClock clock, Supplier<Optional<Store.SharedRateLimit>> shared,
      ToIntFunction<String> ratePerApi, ImClientListener listener) {
    return new WireGate(clock, clock == BotClock.system(), Sleeper.PARK, shared, ratePerApi, listener);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    String api = api(chain.request().url().pathSegments());
    if (api != null) {
      await(api, () -> chain.call().isCanceled());
    }
    return chain.proceed(chain.request());
  }

  /** Waits until a call of {@code api} may leave, and counts it. */
  void await(String api) throws IOException {
    await(api, () -> false);
  }

  /**
   * As {@link #await(String)}, giving up (without taking a slot) once {@code canceled} says so: asked
   * before every admission, so a call whose timeout fired while it slept takes no slot of the window.
   */
  void await(String api, BooleanSupplier canceled) throws IOException {
    int rate = ratePerApi.applyAsInt(api);
    long waited = 0;
    long wait;
    while (true) {
      if (canceled.getAsBoolean()) {
        throw new NeverSentException("Canceled while waiting for the " + api + " rate limit");
      }
      wait = admit(api, rate);
      if (wait <= 0) {
        break;
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the " + api + " rate limit");
      }
      waited += wait;
    }
    if (waited > 0) {
      listener.onRateLimitWait(api, Duration.ofNanos(waited));
    }
  }

  private long admit(String api, int rate) {
    Optional<Store.SharedRateLimit> appWide = shared.get();
    if (appWide.isPresent()) {
      try {
        return appWide.get().admit(api, appWindow(rate)).toNanos();
      } catch (RuntimeException e) {
        // The shared store is unreachable: this process's own window keeps it within the quota alone.
        log.debug("app-wide rate window unavailable for {}: {}", api, e.toString());
        return window(api, rate).admit(perProcess ? clock.nanoTime() : System.nanoTime());
      }
    }
    return perProcess ? window(api, rate).admit(clock.nanoTime()) : 0;
  }

  /**
   * The app-wide window: 4% under the limit. Between this gate and the service's own count a
   * request still travels (a thread switch, the network, the service's front end); with three
   * instances on two cores that varied by 40–80 ms, and the margin absorbs about 40 ms of it (with
   * 2% the service still refused 7–81 calls a run, with 4% 0–17; cluster-rate, RELIABILITY.md).
   * This process's own window needs none: its {@link TokenBucket} paces 1.5% under the limit and
   * keeps that margin where the calls leave.
   */
  static int appWindow(int rate) {
    return rate - rate / 25;
  }

  private SlidingWindow window(String api, int rate) {
    return windows.computeIfAbsent(api, a -> new SlidingWindow(rate));
  }

  /** {@code service/command} of a REST path ending {@code /v4/service/command}, else null. */
  static String api(List<String> segments) {
    int n = segments.size();
    if (n >= 3 && segments.get(n - 3).equals("v4")) {
      return segments.get(n - 2) + "/" + segments.get(n - 1);
    }
    return null;
  }
}
