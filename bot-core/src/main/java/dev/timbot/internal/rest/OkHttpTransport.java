package dev.timbot.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.spi.ImException.ImErrorCodes;
import dev.timbot.spi.ImException;
import dev.timbot.internal.json.WireJson;
import dev.timbot.internal.sig.AdminSigCache;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of the chain: signs the URL ({@code sdkappid, identifier, usersig, random,
 * contenttype}), POSTs the body with OkHttp ({@code enqueue}, never blocking the caller) and maps
 * the answer. ErrorCode 0 (whatever the ActionStatus, e.g. {@code SomeError}) completes with the
 * envelope; a non-zero ErrorCode is an {@link ImException}; anything that is not a JSON envelope
 * is a {@link TransportException}.
 */
public final class OkHttpTransport implements RestInterceptor {
  private static final Logger log = LoggerFactory.getLogger(OkHttpTransport.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  /** An error page is shown in messages only up to this many characters. */
  private static final int SNIPPET = 120;
  /** Answers are read into memory; beyond this size the answer is refused. */
  static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

  private final OkHttpClient http;
  private final HttpUrl baseUrl;
  private final long sdkAppId;
  private final String admin;
  private final AdminSigCache sigs;
  private final Random random;
  private final String secretKey;

  public OkHttpTransport(
      OkHttpClient http,
      HttpUrl baseUrl,
      long sdkAppId,
      String admin,
      AdminSigCache sigs,
      Random random,
      String secretKey) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.sdkAppId = sdkAppId;
    this.admin = admin;
    this.sigs = sigs;
    this.random = random;
    this.secretKey = secretKey;
  }

  /** By {@code service/command}; a new sig makes a new prefix. */
  private final ConcurrentHashMap<String, SignedUrls> prefixes = new ConcurrentHashMap<>();

  private SignedUrls urls(RestRequest request, String sig) {
    String api = request.api();
    SignedUrls p = prefixes.get(api);
    if (p == null || !p.sig().equals(sig)) {
      p = new SignedUrls(baseUrl, request.service(), request.command(), sdkAppId, admin, sig);
      prefixes.put(api, p);
    }
    return p;
  }

  @Override
  public CompletableFuture<ObjectNode> intercept(Chain chain) {
    RestRequest request = chain.input();
    String sig = sigs.current();
    List<String> secrets = List.of(sig, secretKey);
    // A fresh unsigned 32-bit random per HTTP request, as the URL format asks.
    HttpUrl url = urls(request, sig).next(random.nextLong());
    // The URL with usersig masked, for messages: made only when one is written.
    Supplier<String> shown = () -> Redaction.url(url);
    Request httpRequest =
        new Request.Builder().url(url).post(RequestBody.create(request.bodyBytes(), JSON)).build();
    CompletableFuture<ObjectNode> result = new CompletableFuture<>();
    http.newCall(httpRequest)
        .enqueue(
            new Callback() {
              @Override
              public void onFailure(Call call, IOException e) {
                IOException clean = Redaction.scrub(e, secrets);
                String shownUrl = shown.get();
                log.debug("POST {} failed: {}", shownUrl, clean.toString());
                // Refused, unresolved or given up at the rate limit: the request never left, so even create_group may retry.
                boolean maybeDelivered = !neverLeft(e);
                result.completeExceptionally(
                    new TransportException(
                        "POST " + shownUrl + " failed: " + describe(clean),
                        true,
                        maybeDelivered,
                        clean));
              }

              @Override
              public void onResponse(Call call, Response response) {
                try (response) {
                  result.complete(read(request, response, shown, secrets));
                } catch (ImException e) {
                  result.completeExceptionally(e);
                } catch (IOException e) {
                  IOException clean = Redaction.scrub(e, secrets);
                  result.completeExceptionally(
                      new TransportException(
                          "POST " + shown.get() + " failed reading the answer: " + describe(clean),
                          true,
                          true,
                          clean));
                } catch (RuntimeException e) {
                  result.completeExceptionally(e);
                }
              }
            });
    return result;
  }

  /**
   * Whether {@code failure} says the request never left: refused, unresolved, or given up before the rate
   * limit let it go ({@link NeverSentException}) — also when the call's timeout wraps one of them (OkHttp's
   * {@code InterruptedIOException("timeout")} carries what it interrupted as its cause).
   */
  static boolean neverLeft(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NeverSentException) {
        return true;
      }
    }
    return false;
  }

  private ObjectNode read(RestRequest request, Response response, Supplier<String> shown,
      List<String> secrets) throws IOException {
    ResponseBody body = response.body();
    BufferedSource source = body.source();
    int status = response.code();
    if (source.request(MAX_BODY_BYTES + 1)) {
      // The largest documented answer is about 1 MB (get_group_info); this is not the service.
      throw new TransportException(
          "answer to POST " + shown.get() + " is larger than " + MAX_BODY_BYTES + " bytes (HTTP " + status + ")",
          false,
          true,
          null);
    }
    // Parsed from the bytes (no intermediate string); text only for an error's snippet.
    byte[] raw = source.readByteArray();
    if (status < 200 || status >= 300) {
      log.debug("POST {} -> HTTP {}", shown.get(), status);
      // 5xx is the gateway failing and 429 is throttling: both pass. Other codes are our bug.
      boolean retryable = status >= 500 || status == 429;
      throw new TransportException(
          "HTTP " + status + " from POST " + shown.get() + snippet(utf8(raw), secrets), retryable, true, null);
    }
    JsonNode node;
    try {
      node = raw.length == 0 ? null : WireJson.mapper().readTree(raw);
    } catch (IOException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      log.debug("POST {} -> HTTP {} with a body that is not a JSON object", shown.get(), status);
      // Something between us and the service (proxy, captive portal) answered: worth retrying.
      throw new TransportException(
          "answer to POST " + shown.get() + " is not a JSON object (HTTP " + status + ", "
              + contentType(response) + ")" + snippet(utf8(raw), secrets),
          true,
          true,
          null);
    }
    ObjectNode envelope = (ObjectNode) node;
    String actionStatus = Json.textOr(envelope, "ActionStatus", "");
    int errorCode = Json.intOr(envelope, "ErrorCode", "FAIL".equals(actionStatus) ? -1 : 0);
    if (log.isDebugEnabled()) {
      log.debug("POST {} -> {} {}", shown.get(), actionStatus, errorCode);
    }
    if (errorCode == 0) {
      return envelope;
    }
    String field = request.itemsField();
    if (field != null && !Json.items(envelope, field).isEmpty()) {
      // Each item carries its own code; the caller reports them.
      return envelope;
    }
    String info = Redaction.scrub(Json.textOr(envelope, "ErrorInfo", ""), secrets);
    if (errorCode == -1) {
      throw new ImException(ImErrorCodes.NETWORK_ERROR, "ActionStatus FAIL without an ErrorCode: " + info);
    }
    throw new ImException(errorCode, info);
  }

  private static String utf8(byte[] raw) {
    return new String(raw, StandardCharsets.UTF_8);
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
  }

  private static String contentType(Response response) {
    String type = response.header("Content-Type");
    return type == null ? "no content type" : type;
  }

  private static String snippet(String text, List<String> secrets) {
    if (text == null || text.isBlank()) {
      return "";
    }
    String s = text.strip().replaceAll("\\s+", " ");
    if (s.length() > SNIPPET) {
      s = s.substring(0, SNIPPET) + "…";
    }
    return ": " + Redaction.scrub(s, secrets);
  }
}
