package dev.timbot.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/**
 * The REST URL is appended to an encoded prefix instead of parsed from text per request (issue
 * 15): it must be the very URL the text-built one was, character for character.
 */
class SignedUrlsTest {
  static final List<String> BASES = List.of("http://127.0.0.1:9000", "https://console.tim.qq.com",
      "https://adminapisgp.im.qcloud.com/", "http://gw.example:8080/tim/", "http://[::1]:9000/x");
  static final List<String> SIGS = List.of(
      "eJwtzEELgjAYxvGvMnYOeZ3OqdAh6NDBTnYRLzLc0ncyFZuaRN89qY7P7w-Pl1zS7KjE3QaKR-R4WkHJzI1Qb20BP-6XIn6F8TULPX0-",
      "a*b-c_d+e/f=g h%20é&k=v#frag");
  static final long[] RANDOMS = {0, 1, 4_294_967_295L, -1, (1L << 32) + 5, Long.MIN_VALUE, 123_456_789};

  /** How the URL was made before: the prefix as text, then the whole URL parsed from text. */
  static String textBuilt(String base, String sig, long random) {
    String prefix = HttpUrl.get(base).newBuilder().addPathSegment("v4").addPathSegment("openim")
        .addPathSegment("sendmsg").addQueryParameter("sdkappid", "1400000000")
        .addQueryParameter("identifier", "administrator").addQueryParameter("usersig", sig).build().toString();
    return HttpUrl.get(prefix + "&random=" + (random & 0xFFFF_FFFFL) + "&contenttype=json").toString();
  }

  static SignedUrls urls(String base, String sig) {
    return new SignedUrls(HttpUrl.get(base), "openim", "sendmsg", 1400000000L, "administrator", sig);
  }

  @Test
  void theSameUrlTheTextBuiltOneWas() {
    for (String base : BASES) {
      for (String sig : SIGS) {
        SignedUrls urls = urls(base, sig);
        for (long random : RANDOMS) {
          HttpUrl url = urls.next(random);
          assertThat(url.toString()).isEqualTo(textBuilt(base, sig, random));
          assertThat(url.queryParameter("usersig")).isEqualTo(sig);
          assertThat(url.queryParameterValues("random")).containsExactly(Long.toString(random & 0xFFFF_FFFFL));
        }
      }
    }
  }

  @Test
  void aRequestTargetOfTheDocumentedShape() {
    HttpUrl url = urls("http://127.0.0.1:9000", "sig-1").next(42);
    assertThat(url.encodedPath() + "?" + url.encodedQuery())
        .isEqualTo("/v4/openim/sendmsg?sdkappid=1400000000&identifier=administrator&usersig=sig-1&random=42"
            + "&contenttype=json");
  }

  @Test
  void eachThreadStartsFromThePrefix() throws Exception {
    SignedUrls urls = urls("http://127.0.0.1:9000", SIGS.get(0));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        long offset = t * 1_000_000L;
        runs.add(pool.submit(() -> {
          List<String> bad = new ArrayList<>();
          for (long i = 0; i < 2_000; i++) {
            String got = urls.next(offset + i).toString();
            if (!got.equals(textBuilt("http://127.0.0.1:9000", SIGS.get(0), offset + i))) {
              bad.add(got);
            }
          }
          return bad;
        }));
      }
      for (Future<List<String>> run : runs) {
        assertThat(run.get()).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
