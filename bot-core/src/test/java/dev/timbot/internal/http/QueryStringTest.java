package dev.timbot.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;
import org.junit.jupiter.api.Test;

/**
 * Queries with nothing to decode are split by hand (issue 15): the map is the one Jetty's decoder
 * gives, and every other query is left to Jetty.
 */
class QueryStringTest {
  static Map<String, String> jetty(String raw) {
    Fields fields = new Fields(true); // as Request.extractQueryParameters makes it: case-sensitive, in order
    UrlEncoded.decodeUtf8To(raw, fields);
    Map<String, String> out = new LinkedHashMap<>();
    for (Fields.Field f : fields) {
      out.putIfAbsent(f.getName(), f.getValue());
    }
    return out;
  }

  @Test
  void plainQueriesGiveJettysMap() {
    List<String> plain = List.of(
        "SdkAppid=1400000000&CallbackCommand=Bot.OnC2CMessage&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI"
            + "&Sign=0c4a9cf0b7d0d5bb6d4f8c1f40fbd3d0a0f5b0e8d3b5d0a2c6b7f1e0a9d8c7b6&RequestTime=1767225600",
        "a=1",
        "a=",
        "a=1&a=2&A=3",
        "ClientIP=::1&OptPlatform=iOS/Android*-_.~!$'()*,;:@/?");
    for (String raw : plain) {
      Map<String, String> mine = new LinkedHashMap<>();
      assertThat(QueryString.split(raw, mine)).as(raw).isTrue();
      assertThat(mine).as(raw).isEqualTo(jetty(raw)).containsExactlyEntriesOf(jetty(raw));
    }
  }

  @Test
  void anythingToDecodeIsLeftToJetty() {
    for (String raw : List.of("", "a", "a=1&", "&a=1", "a=1&&b=2", "=1", "a=b=c", "a=%41", "a=x+y", "a%3D=1",
        "a=é", "a=1 2", "a=\t")) {
      assertThat(QueryString.split(raw, new LinkedHashMap<>())).as(raw).isFalse();
    }
  }
}
