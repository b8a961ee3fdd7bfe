package dev.timbot.tencent;

import java.util.Map;

/**
 * Where Tencent IM's third-party callbacks enter a bot, for an application that already owns the
 * callback URL in its own HTTP server (the app has exactly one callback URL). Pass each request's
 * query parameters and body; write back the answer as is. The endpoint checks {@code SdkAppid},
 * {@code Sign} and {@code RequestTime}, validates the body and records it durably before it
 * answers 200 — the service does not deliver an acknowledged callback again.
 */
@FunctionalInterface
public interface CallbackEndpoint {

  /**
   * Handles one callback request; never throws.
   *
   * @param query the URL query parameters ({@code SdkAppid}, {@code CallbackCommand}, {@code
   *     Sign}, {@code RequestTime}, {@code ClientIP}, {@code OptPlatform}), matched without regard
   *     to case
   * @param body the raw request body
   */
  Response handle(Map<String, String> query, byte[] body);

  /**
   * What to answer: 200 with the documented acknowledgement, a 4xx naming what was wrong, or 503
   * when the bot cannot take the callback now (the service's own failure policy then applies).
   *
   * @param status the HTTP status
   * @param contentType the body's media type (JSON)
   * @param body the JSON body
   */
  record Response(int status, String contentType, String body) {}
}
