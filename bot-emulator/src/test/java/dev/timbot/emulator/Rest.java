package dev.timbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A bare REST caller for tests: signs with the emulator's admin, returns the parsed envelope. */
final class Rest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(10, TimeUnit.SECONDS).build();
  private final LocalIm im;

  Rest(LocalIm im) {
    this.im = im;
  }

  /** Calls {@code service/command} with a JSON body given as text (single quotes allowed). */
  JsonNode call(String service, String command, String json) {
    return post(im.restUrl(service, command), json.replace('\'', '"'));
  }

  JsonNode post(String url, String body) {
    Request req = new Request.Builder().url(url)
        .post(RequestBody.create(body, MediaType.get("application/json"))).build();
    try (Response r = HTTP.newCall(req).execute()) {
      if (r.code() != 200) {
        throw new AssertionError("HTTP " + r.code() + " for " + url);
      }
      return JSON.readTree(r.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Imports accounts. */
  void accounts(String... ids) {
    for (String id : ids) {
      JsonNode r = call("im_open_login_svc", "account_import", "{'UserID':'" + id + "'}");
      if (r.path("ErrorCode").asInt() != 0) {
        throw new AssertionError(r.toString());
      }
    }
  }

  JsonNode sendText(String from, String to, long random, String text) {
    return call("openim", "sendmsg", "{'From_Account':'" + from + "','To_Account':'" + to
        + "','MsgRandom':" + random + ",'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'" + text + "'}}]}");
  }
}
