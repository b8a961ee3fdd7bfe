package dev.timbot.internal.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The six parameters the receiver reads, by name in any case; the first spelling seen wins. */
class CallbackQueryTest {
  @Test
  void namesInAnyCaseFirstSeenWins() {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("SDKAPPID", "1");
    q.put("SdkAppId", "2");
    q.put("callbackcommand", "Bot.OnC2CMessage");
    q.put("sign", "s");
    q.put("Sign", "s2");
    q.put("requesttime", "7");
    q.put("clientip", "10.0.0.1");
    q.put("OPTPLATFORM", "iOS");
    q.put("contenttype", "json");
    q.put("Signs", "x");
    q.put("ClientIPv6", "x");
    q.put("", "x");
    q.put(null, "x");
    q.put("RequestTimeX", null);
    assertThat(CallbackQuery.of(q))
        .isEqualTo(new CallbackQuery("1", "Bot.OnC2CMessage", "s", "7", "10.0.0.1", "iOS"));
    assertThat(CallbackQuery.of(Map.of())).isEqualTo(CallbackQuery.EMPTY);
    // String.equalsIgnoreCase's own rule, as before: a dotless ı upper-cases to I.
    assertThat(CallbackQuery.of(Map.of("Sıgn", "x", "ClientIp", "ip")))
        .isEqualTo(new CallbackQuery(null, null, "x", null, "ip", null));
  }
}
