package dev.timbot.internal.callback;

import dev.timbot.internal.rest.Failures;
import dev.timbot.spi.BotClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Tencent IM third-party and robot callbacks, independent of any HTTP server: give it
 * the URL query parameters and the body, write back the {@link CallbackResponse}. {@link
 * CallbackServer} hosts it on an embedded Jetty; it can as well sit behind a Spring MVC
 * controller or any other server that owns the app's single callback URL.
 *
 * <p>Per request it checks {@code SdkAppid}, then (when a token is configured) {@code Sign} and
 * the 60 s {@code RequestTime} window, bounds and parses the body into a typed {@link
 * CallbackEvent}, and either records it in its {@link CallbackJournal} — answering {@code
 * {"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}} once the record is durable — or hands a
 * {@link ReceivedCallback} to the sink on the executor and answers without waiting for the sink
 * (the service allows 2 s). Bad requests get a 4xx JSON error; a saturated executor, a full backlog
 * or a journal that cannot record gets 503, so the service's own failure policy applies instead of
 * the callback being dropped here. Neither the token nor the sign is ever logged ({@link
 * CallbackOutcomes}).
 *
 * <p>{@link #handleAsync} answers without holding the calling thread while the journal commits
 * (an HTTP server's thread goes back to its pool); {@link #handle} waits for the same answer.
 *
 * <p>Thread-safe. {@link #close()} shuts down the default executor (not one passed in).
 */
public final class CallbackReceiver implements AutoCloseable {
  /** The default body limit; documented callbacks are a few KiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  /** Queue length of the default executor before callbacks are refused with 503. */
  public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

  private static final Logger log = LoggerFactory.getLogger(CallbackReceiver.class);
  /** Shared by every callback answered at once: callers read or chain it, never obtrude a value on it. */
  private static final CompletableFuture<CallbackResponse> ACKNOWLEDGED =
      CompletableFuture.completedFuture(CallbackResponse.ok());

  private final long sdkAppId;
  private final String token;
  /** Null when no token is configured. */
  private final CallbackSignature signature;
  private final String sdkAppIdText;
  private final BotClock clock;
  private final int maxBodyBytes;
  private final SinkExecutor executor;
  private final CallbackSink sink;
  private final CallbackJournal journal;
  private final Admission admission;
  private final CallbackOutcomes outcomes;

  private CallbackReceiver(Builder b) {
    this.sdkAppId = b.sdkAppId;
    this.token = b.token;
    this.signature = token == null ? null : new CallbackSignature(token);
    this.sdkAppIdText = Long.toString(b.sdkAppId);
    this.clock = b.clock;
    this.maxBodyBytes = b.maxBodyBytes;
    this.sink = b.sink;
    this.journal = b.journal;
    this.admission = b.admission;
    this.outcomes = new CallbackOutcomes(b.meterRegistry, clock);
    this.executor = new SinkExecutor(b.executor);
    if (token == null) {
      log.info("callback receiver for SdkAppid {} checks no Sign (no token configured)", sdkAppId);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The {@code Sign} the service puts in the callback URL: {@code
   * lowercase_hex(SHA-256(token + requestTime))}. For senders of callbacks (the emulator, tests).
   */
  public static String sign(String token, long requestTime) {
    return CallbackSignature.sign(token, requestTime);
  }

  public long sdkAppId() {
    return sdkAppId;
  }

  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** True when a token is configured, i.e. every request must carry a valid {@code Sign}. */
  public boolean verifiesSign() {
    return token != null;
  }

  /**
   * Handles one callback request and waits for its answer ({@link #handleAsync}'s).
   *
   * @param query the URL query parameters ({@code SdkAppid}, {@code CallbackCommand}, {@code
   *     Sign}, {@code RequestTime}, {@code ClientIP}, {@code OptPlatform}); names are matched
   *     without regard to case
   * @param body the raw request body
   * @return what to answer; never throws
   */
  public CallbackResponse handle(Map<String, String> query, byte[] body) {
    return handleAsync(query, body).join();
  }

  /**
   * Handles one callback request; the answer completes once it is known — for a callback to
   * record, once its journal entry is durable. The calling thread is not held for that commit.
   * The stage never fails: every failure is an answer (4xx, 500, 503).
   */
  public CompletableFuture<CallbackResponse> handleAsync(Map<String, String> query, byte[] body) {
    Instant receivedAt = clock.now();
    CallbackQuery q = CallbackQuery.of(query);
    try {
      authenticate(q, receivedAt);
      if (body != null && body.length > maxBodyBytes) {
        throw tooLarge();
      }
      return accept(q, body, receivedAt);
    } catch (CallbackRejected r) {
      return CompletableFuture.completedFuture(outcomes.refused(r, q));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(outcomes.internalError(e, q));
    }
  }

  /**
   * Handles one callback request whose body is a stream, reading at most {@link #maxBodyBytes()}
   * of it (the request is refused with 413 rather than buffered beyond that). The credentials
   * are checked before the body is read.
   *
   * @param contentLength the declared length, or -1 when unknown (chunked)
   */
  public CallbackResponse handle(Map<String, String> query, InputStream body, long contentLength) {
    Instant receivedAt = clock.now();
    CallbackQuery q = CallbackQuery.of(query);
    try {
      authenticate(q, receivedAt);
      if (contentLength > maxBodyBytes) {
        throw tooLarge();
      }
      byte[] bytes;
      try {
        bytes = body == null ? new byte[0] : body.readNBytes(maxBodyBytes + 1);
      } catch (IOException e) {
        throw new CallbackRejected(400, "unreadable_body", "request body could not be read");
      }
      if (bytes.length > maxBodyBytes) {
        throw tooLarge();
      }
      return accept(q, bytes, receivedAt).join();
    } catch (CallbackRejected r) {
      return outcomes.refused(r, q);
    } catch (RuntimeException e) {
      return outcomes.internalError(e, q);
    }
  }

  /**
   * The answer for a request whose body a server layer stopped reading because it exceeded
   * {@link #maxBodyBytes()}: 413, counted and logged like any other refusal.
   */
  public CallbackResponse bodyTooLarge(Map<String, String> query) {
    return outcomes.refused(tooLarge(), CallbackQuery.of(query));
  }

  /** Stops the default executor, letting queued callbacks reach the sink for a few seconds. */
  @Override
  public void close() {
    executor.close();
  }

  private void authenticate(CallbackQuery q, Instant now) throws CallbackRejected {
    String appId = q.sdkAppId();
    if (appId == null || !appId.trim().equals(sdkAppIdText)) {
      throw new CallbackRejected(403, "bad_sdkappid", "SdkAppid does not match");
    }
    if (signature != null) {
      signature.verify(q.sign(), q.requestTime(), now);
    }
  }

  private CompletableFuture<CallbackResponse> accept(CallbackQuery q, byte[] body, Instant receivedAt)
      throws CallbackRejected {
    CallbackEvent event = CallbackParser.parse(q.command(), body);
    CallbackValidator.validate(event);
    admission.pace(); // a saturated bot answers at the pace it replies
    if (journal == null) {
      ReceivedCallback received = new ReceivedCallback(event, q.clientIp(), q.optPlatform(), receivedAt);
      try {
        executor.execute(() -> deliver(received));
      } catch (RejectedExecutionException e) {
        throw new CallbackRejected(503, "saturated", "callback queue is full, try again later");
      }
      return answered(outcomes.accepted(event));
    }
    // Durable before the answer; the journal's reader hands it on.
    CompletableFuture<Void> durable = journal.record(event, event.command(), q.clientIp(), q.optPlatform(), receivedAt,
        body == null ? new byte[0] : body);
    if (durable.isDone() && !durable.isCompletedExceptionally()) {
      return answered(outcomes.accepted(event)); // durable already (a waiting journal): no stage per callback
    }
    return durable.handle((d, failure) -> failure == null ? outcomes.accepted(event) : failed(failure, q));
  }

  /** A complete answer; the acknowledgement's is one shared, already completed stage. */
  private static CompletableFuture<CallbackResponse> answered(CallbackResponse r) {
    return r == CallbackResponse.ok() ? ACKNOWLEDGED : CompletableFuture.completedFuture(r);
  }

  private CallbackResponse failed(Throwable failure, CallbackQuery q) {
    Throwable cause = Failures.unwrap(failure);
    return cause instanceof CallbackRejected r ? outcomes.refused(r, q) : outcomes.internalError(cause, q);
  }

  private void deliver(ReceivedCallback received) {
    try {
      sink.accept(received);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (RuntimeException | Error e) {
      // The service was answered already; all that is left is to make the failure visible.
      outcomes.sinkFailed(received, e);
    }
  }

  private CallbackRejected tooLarge() {
    return new CallbackRejected(
        413, "body_too_large", "request body exceeds " + maxBodyBytes + " bytes");
  }

  /** Configuration; {@link #sdkAppId(long)} and {@link #sink(CallbackSink)} are required. */
  public static final class Builder {
    private long sdkAppId;
    private String token;
    private BotClock clock = BotClock.system();
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private Executor executor;
    private CallbackSink sink;
    private MeterRegistry meterRegistry;
    private CallbackJournal journal;
    private Admission admission = Admission.OPEN;

    private Builder() {}

    /** The app's SDKAppID; requests with another {@code SdkAppid} are refused with 403. */
    public Builder sdkAppId(long sdkAppId) {
      this.sdkAppId = sdkAppId;
      return this;
    }

    /**
     * The callback token set in the console ("开启鉴权"). Null or blank means no Sign check
     * (the service sends none then).
     */
    public Builder token(String token) {
      this.token = token == null || token.isBlank() ? null : token;
      return this;
    }

    /** Time for the 60 s {@code RequestTime} window and {@code receivedAt}. */
    public Builder clock(BotClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Larger bodies are refused with 413 (default {@value #DEFAULT_MAX_BODY_BYTES}). */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes <= 0 || maxBodyBytes == Integer.MAX_VALUE) {
        throw new IllegalArgumentException("maxBodyBytes must be in 1.." + (Integer.MAX_VALUE - 1));
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * Runs the sink. It should be bounded: when it refuses a task the service is answered 503.
     * Default: one daemon thread with a queue of {@value #DEFAULT_QUEUE_CAPACITY}, stopped by
     * {@link CallbackReceiver#close()}; an executor passed here is not shut down by the receiver.
     */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /** Where parsed callbacks go. */
    public Builder sink(CallbackSink sink) {
      this.sink = sink;
      return this;
    }

    /**
     * Records every accepted callback durably before answering it; the sink is then not called
     * (the journal's reader delivers). Without one, callbacks go to the sink after the answer.
     */
    public Builder journal(CallbackJournal journal) {
      this.journal = journal;
      return this;
    }

    /** Paces acknowledgements to the bot's replies (default: never waits). */
    public Builder admission(Admission admission) {
      this.admission = Objects.requireNonNull(admission, "admission");
      return this;
    }

    /**
     * Optional metrics: counters {@code timbot.callbacks.received{command}}, {@code
     * timbot.callbacks.rejected{reason}} and {@code timbot.callbacks.sink.failed{command}}.
     * Commands timbot does not model are tagged {@code other} to bound the tag values.
     */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.meterRegistry = meterRegistry;
      return this;
    }

    public CallbackReceiver build() {
      if (sdkAppId <= 0) {
        throw new IllegalStateException("sdkAppId is required");
      }
      if (sink == null) {
        throw new IllegalStateException("sink is required");
      }
      return new CallbackReceiver(this);
    }
  }
}
