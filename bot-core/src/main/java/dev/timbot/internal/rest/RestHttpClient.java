package dev.timbot.internal.rest;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The OkHttp client that REST calls go over: sized for the service's rate, with its timeouts and
 * the {@link WireGate}; either this client's own, or derived from one the caller shares (whose
 * threads and connections then stay the caller's to release).
 */
final class RestHttpClient {
  /** Calls in flight at most (OkHttp's dispatcher), and idle connections kept. */
  static final int MAX_CALLS = 128;

  private final OkHttpClient client;
  private final boolean owned;

  RestHttpClient(OkHttpClient shared, Duration readTimeout, WireGate gate) {
    this.owned = shared == null;
    OkHttpClient.Builder b;
    if (shared != null) {
      // newBuilder() shares the caller's connection pool and threads; only timeouts differ.
      b = shared.newBuilder();
    } else {
      Dispatcher dispatcher = new Dispatcher();
      // OkHttp allows 5 concurrent calls per host by default; the service allows 200 calls/s.
      dispatcher.setMaxRequests(MAX_CALLS);
      dispatcher.setMaxRequestsPerHost(MAX_CALLS);
      // As many idle connections as calls may run at once: with fewer, every burst above the idle
      // count opened connections only to close them after (213–1 272 per 10 s at saturation in
      // WrkBench, issue 15; against the service each one is a TLS handshake).
      b =
          new OkHttpClient.Builder()
              .dispatcher(dispatcher)
              .connectionPool(new ConnectionPool(MAX_CALLS, 5, TimeUnit.MINUTES));
    }
    // The rate limit is held where a request is written (after OkHttp's queue), see WireGate.
    // The whole call (connecting, the rate limit's wait, writing, reading) within readTimeout, and no
    // read or write deadline before its call's: Okio wakes its watchdog thread whenever a deadline
    // becomes the earliest it holds, and with the call's 10 s later than its reads' (as it was) every
    // read of a lone call did — twice per reply at 2 000 msg/s, 31 000 wake-ups in a run where the
    // hand-written baseline had 2 000 (issue 15, BENCHMARKS §8v).
    this.client =
        b.addNetworkInterceptor(gate)
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(readTimeout)
            .writeTimeout(readTimeout)
            .callTimeout(readTimeout)
            .build();
  }

  OkHttpClient client() {
    return client;
  }

  /** Releases the HTTP threads and connections if they are this client's own. */
  void close() {
    if (owned) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }
}
