package dev.timbot.tencent;

import java.util.Map;

/**
 * Where Tencent IM's third-party callbacks enter a bot, for an application that already owns the
 * callback URL in its own HTTP server (the app has exactly one callback URL). Pass each request's
 * query parameters and body; write back the answer as is. The endpoint checks {@code SdkAppid},
 * {@code Sign} and {@code RequestTime} and validates the body before it answers 200, and hands the
 * callback to the bot's lanes.
 *
 * <p><b>Not journaled.</b> Unlike the bot's own callback server, this endpoint does not record a
 * callback durably before answering: a callback acknowledged here and not yet handled when the
 * process dies is not handled after a restart (the service does not deliver an acknowledged
 * callback again). Sends are durable either way (the outbox). For "acknowledged means answered",
 * let the bot serve the callback URL itself (README, "Durability: acknowledged means answered").
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
