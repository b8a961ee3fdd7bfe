package dev.timbot.benchmarks.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The peer's settings ({@code peer.*}, filled from timbot's environment variable names in
 * {@code application.properties}).
 *
 * @param sdkAppId the IM application
 * @param secretKey signs the SDK's UserSig
 * @param admin the administrator account the SDK calls the REST API as
 * @param baseUrl the REST API; the SDK takes only a domain and always speaks {@code https://}
 * @param botAccount the bot's account: callbacks to it are answered from it
 * @param callbackToken the callback authentication token; empty accepts unsigned callbacks
 * @param reply {@code sync} sends the echo before acknowledging the callback (the SDK's calls
 *     block); {@code async} acknowledges at once and sends on Boot's application task executor
 * @param client {@code sdk} sends with {@code imClient.message.sendMsg}, as shipped; {@code shared}
 *     sends the same SDK request through the SDK's public {@code HttpUtil.post} with one
 *     long-lived OkHttp client (see {@link EchoSender})
 */
@ConfigurationProperties("peer")
public record PeerProperties(long sdkAppId, String secretKey, String admin, String baseUrl, String botAccount,
    String callbackToken, ReplyMode reply, SdkClient client) {

  /** How the echo is sent relative to the callback's answer. */
  public enum ReplyMode { SYNC, ASYNC }

  /** Which HTTP client carries the SDK's requests. */
  public enum SdkClient { SDK, SHARED }

  /** The SDK's "domain": host and port of {@link #baseUrl()}, which must be {@code https://}. */
  public String sdkDomain() {
    String prefix = "https://";
    if (!baseUrl.startsWith(prefix)) {
      throw new IllegalArgumentException("peer.base-url (TIM_BASE_URL) must be https://host[:port]: the community"
          + " SDK speaks HTTPS only, got " + baseUrl);
    }
    String rest = baseUrl.substring(prefix.length());
    return rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
  }
}
