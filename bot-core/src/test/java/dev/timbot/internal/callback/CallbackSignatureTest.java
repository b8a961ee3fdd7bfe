package dev.timbot.internal.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-second Sign cache and the allocation-free comparison must not loosen the check. */
class CallbackSignatureTest {
  private static final String TOKEN = "cache-test-token";
  private static final long T = 1_765_000_000L;
  private static final Instant NOW = Instant.ofEpochSecond(T);

  @Test
  void theCachedSignOfOneSecondAcceptsOnlyThatSecondsSign() throws Exception {
    CallbackSignature signature = new CallbackSignature(TOKEN);
    String right = CallbackSignature.sign(TOKEN, T);
    signature.verify(right, Long.toString(T), NOW);
    // Same second, cached digest: another sign is still refused.
    CallbackRejected wrong = assertThrows(CallbackRejected.class,
        () -> signature.verify(CallbackSignature.sign("other", T), Long.toString(T), NOW));
    assertEquals(401, wrong.status());
    // The next second's sign replaces the cached one; the old second's sign does not pass as the new one.
    signature.verify(CallbackSignature.sign(TOKEN, T + 1), Long.toString(T + 1), NOW);
    assertThrows(CallbackRejected.class, () -> signature.verify(right, Long.toString(T + 1), NOW));
    signature.verify(right, " " + T + " ", NOW);
  }

  @Test
  void matchingIgnoresCaseAndSurroundingBlanksOnly() {
    String hex = CallbackSignature.sign(TOKEN, T);
    assertTrue(CallbackSignature.matches(hex, hex));
    assertTrue(CallbackSignature.matches(hex, " " + hex.toUpperCase(Locale.ROOT) + "\t"));
    assertFalse(CallbackSignature.matches(hex, hex.substring(0, 63)));
    assertFalse(CallbackSignature.matches(hex, hex + "0"));
    assertFalse(CallbackSignature.matches(hex, hex.substring(0, 32) + " " + hex.substring(33)));
    assertFalse(CallbackSignature.matches(hex, ""));
  }

  @Test
  void queryNamesMatchInAnyCaseAndTheFirstSpellingWins() {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("sdkappid", "1400000001");
    query.put("SdkAppId", "999");
    query.put("CALLBACKCOMMAND", "C2C.CallbackAfterSendMsg");
    query.put("sign", "ab");
    query.put("requesttime", "12");
    query.put("clientip", "10.0.0.1");
    query.put("optplatform", "Web");
    query.put("contenttype", "json");
    assertEquals(new CallbackQuery("1400000001", "C2C.CallbackAfterSendMsg", "ab", "12", "10.0.0.1", "Web"),
        CallbackQuery.of(query));
    assertEquals(CallbackQuery.EMPTY, CallbackQuery.of(null));
  }
}
