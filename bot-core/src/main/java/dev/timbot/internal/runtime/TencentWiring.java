package dev.timbot.internal.runtime;

import dev.timbot.spi.BotClock;
import dev.timbot.BotConfig;
import dev.timbot.ConfigException;
import dev.timbot.spi.ImClient;
import dev.timbot.internal.rest.ImClientListener;
import dev.timbot.internal.callback.CallbackRoute;
import dev.timbot.internal.http.HttpHost;
import dev.timbot.internal.media.FileMediaStore;
import dev.timbot.internal.media.MediaRoute;
import dev.timbot.internal.callback.Admission;
import dev.timbot.internal.callback.CallbackJournal;
import dev.timbot.internal.callback.CallbackReceiver;
import dev.timbot.internal.callback.CallbackSink;
import dev.timbot.internal.rest.TencentClientFactory;
import io.micrometer.core.instrument.MeterRegistry;
import dev.timbot.spi.Store;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the production transport from configuration: the Tencent REST client ({@code tim.*})
 * and the bot's HTTP server ({@code callback.*}) carrying the callback receiver (which journals
 * every callback before answering it) and, when the
 * default media store is used, the media files ({@code media.path}).
 */
public final class TencentWiring {
  private static final Logger log = LoggerFactory.getLogger(TencentWiring.class);

  private TencentWiring() {}

  /**
   * The REST client for {@code tim.*}; requires sdkAppId and secretKey. Its rate limit is the
   * store's app-wide one when the store is shared with other processes.
   */
  public static ImClient client(BotConfig config, ImClientListener listener, BotClock clock,
      Supplier<Optional<Store.SharedRateLimit>> sharedRate) {
    config.require("tim.sdkAppId", "tim.secretKey"); // tim.admin defaults to "administrator"
    BotConfig.Tim tim = config.tim();
    return TencentClientFactory.builder(tim.sdkAppId(), tim.secretKey(), tim.admin(), tim.baseUrl(), clock,
        tim.rateLimit()).listener(listener).sharedRateLimit(sharedRate).build();
  }

  /**
   * Without a token anyone who can reach the port can forge callbacks (a message "from" any user,
   * answered by the bot), so a missing token stops the start unless the operator opted in.
   */
  static void requireSignedOrExplicitlyUnsigned(BotConfig.Callback cb) {
    if (cb.token() != null) {
      return;
    }
    if (!cb.allowUnsigned()) {
      throw new ConfigException("callback.token",
          "required: set the callback token of the IM console (Callback configuration, "
              + "authentication token) here or in CALLBACK_TOKEN; to accept unsigned callbacks anyway "
              + "(local tests only) set callback.allowUnsigned: true (CALLBACK_ALLOW_UNSIGNED=true)");
    }
    log.warn("callback.allowUnsigned is true and no callback.token is set: callbacks are not "
        + "authenticated, anyone who reaches {}:{} can forge them. Never run this in production.",
        cb.host(), cb.port());
  }

  /** The HTTP server: callbacks at {@code callback.path}, media (if any) at {@code media.path}. */
  public static Intake callbackServer(BotConfig config, FileMediaStore media, BotClock clock, MeterRegistry meters,
      CallbackJournal journal, Admission admission) {
    return new Intake() {
      private HttpHost http;
      private CallbackReceiver receiver;

      @Override
      public void start(CallbackSink sink) {
        config.require("tim.sdkAppId");
        BotConfig.Callback cb = config.callback();
        requireSignedOrExplicitlyUnsigned(cb);
        receiver = CallbackReceiver.builder()
            .sdkAppId(config.tim().sdkAppId())
            .token(cb.token())
            .clock(clock)
            .journal(journal)
            .admission(admission)
            .sink(sink)
            .meterRegistry(meters)
            .build();
        // A callback waits for the journal's group commit before it is answered: enough threads that
        // many wait at once and share an fsync (16 capped the batch, and so throughput, at ~12).
        http = HttpHost.builder().host(cb.host()).port(cb.port()).name("timbot-http").maxThreads(64).build();
        http.route(cb.path(), new CallbackRoute(receiver));
        if (media != null) {
          http.route(config.media().path(), new MediaRoute(media));
        }
        try {
          http.start();
        } catch (RuntimeException e) {
          receiver.close();
          throw new IllegalStateException(
              "callback.port: cannot listen on " + cb.host() + ":" + cb.port() + ": " + e.getMessage(), e);
        }
        log.info("callbacks at {} (set this, or your public address with the same path, as the app's callback URL)",
            http.baseUri().resolve(cb.path()));
        if (media != null) {
          log.info("media served at {} as {}", config.media().path(), media.publicBaseUrl());
        }
      }

      @Override
      public java.net.URI url() {
        return http == null || !http.isRunning() ? null : http.baseUri().resolve(config.callback().path());
      }

      @Override
      public void stop() {
        if (http != null) {
          http.close();
        }
        if (receiver != null) {
          receiver.close();
        }
      }
    };
  }
}
