package dev.timbot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.emulator.internal.wire.CallbackSign;
import dev.timbot.emulator.internal.wire.TlsSigV2;
import dev.timbot.internal.callback.CallbackReceiver;
import dev.timbot.internal.callback.CallbackResponse;
import dev.timbot.internal.callback.ReceivedCallback;
import dev.timbot.internal.callback.UnknownCallback;
import dev.timbot.tencent.UserSig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The documented callback examples and test vectors against both sides: bot-core's receiver
 * parses every documented body (signed by the emulator's own signer), and every callback the
 * emulator sends has the documented fields with the documented JSON types and verifies on
 * bot-core's receiver.
 */
class ContractCallbacksTest {
  static final JsonNode EXAMPLES = DocExamples.load("callbacks.json");
  static final String TOKEN = "xxxxyyyy";
  static final long APP = 1400000000L;

  @Test
  void theDocumentedSignVectorOnBothSides() {
    String documented = "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061";
    assertThat(CallbackSign.sign(TOKEN, 1669872112L)).isEqualTo(documented);
    assertThat(CallbackReceiver.sign(TOKEN, 1669872112L)).isEqualTo(documented);
  }

  @Test
  void userSigsCrossVerify() throws Exception {
    String key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    // The reference's vector A (computed with the official libraries' algorithm).
    String vectorA = "eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwhWZiflZpXlQqeKU7MSCgswUJStDEwMogMikVhRkFqUCxU1NTY3goiWZuSAxM1S1xZnpQJMNo0wD8tJdstwTS9NSgzMD8p1KK1I8Is1dvY29QlIcs3wDLI2DTbzLwox9bZVqAaoDMbs_";
    assertThat(TlsSigV2.verify(vectorA, APP, "xiaojun", key, 1600000000L + 60)).isEqualTo(1600000000L);
    // bot-core's generator → the emulator's verifier, and the other way round.
    Instant t = Instant.ofEpochSecond(1700000000L);
    String fromCore = UserSig.generate(APP, key, "administrator", Duration.ofDays(1), t);
    assertThat(TlsSigV2.verify(fromCore, APP, "administrator", key, t.getEpochSecond())).isEqualTo(t.getEpochSecond());
    String fromEmulator = TlsSigV2.generate(APP, key, "administrator", t.getEpochSecond(), 86400);
    assertThat(UserSig.verify(fromEmulator, APP, "administrator", key, t)).isNotNull();
  }

  @Test
  void botCoreParsesEveryDocumentedCallback() {
    long now = 1669872112L;
    List<ReceivedCallback> got = new ArrayList<>();
    CallbackReceiver receiver = CallbackReceiver.builder().sdkAppId(APP).token(TOKEN)
        .clock(new VirtualClock(Instant.ofEpochSecond(now))).executor(Runnable::run).sink(got::add).build();
    List<String> failures = new ArrayList<>();
    for (Iterator<String> it = EXAMPLES.fieldNames(); it.hasNext(); ) {
      String command = it.next();
      CallbackResponse r = receiver.handle(query(command, CallbackSign.sign(TOKEN, now), now),
          EXAMPLES.get(command).toString().getBytes(StandardCharsets.UTF_8));
      if (r.status() != 200) {
        failures.add(command + " → " + r.status() + " " + r.body());
      } else if (got.get(got.size() - 1).event() instanceof UnknownCallback) {
        failures.add(command + " → not modelled");
      } else {
        assertThat(got.get(got.size() - 1).event().command()).isEqualTo(command);
      }
    }
    assertThat(failures).isEmpty();
    assertThat(got).hasSize(EXAMPLES.size());
  }

  @Test
  void theEmulatorSendsTheDocumentedShapesAndBotCoreAcceptsThem() throws Exception {
    try (CallbackCapture target = new CallbackCapture();
        LocalIm im = LocalIm.builder().callbackUrl(target.url()).callbackToken(TOKEN).start()) {
      Rest rest = new Rest(im);
      rest.accounts("jared", "Jonh", "tommy", "id", "id1");
      rest.call("openim_robot_http_svc", "create_robot", "{'UserID':'@RBT#001'}");
      String key = rest.call("openim", "sendmsg", "{'From_Account':'jared','To_Account':'@RBT#001','MsgRandom':2837546,"
          + "'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'hello'}}],'CloudCustomData':'ccd'}")
          .path("MsgKey").asText();
      rest.call("openim", "admin_set_msg_read", "{'Report_Account':'@RBT#001','Peer_Account':'jared'}");
      rest.call("openim", "admin_msgwithdraw", "{'From_Account':'jared','To_Account':'@RBT#001','MsgKey':'" + key + "'}");
      String gid = rest.call("group_open_http_svc", "create_group", "{'Owner_Account':'jared','Type':'Public','Name':'G',"
          + "'MemberList':[{'Member_Account':'@RBT#001'}]}").path("GroupId").asText();
      rest.call("group_open_http_svc", "add_group_member", "{'GroupId':'" + gid + "','MemberList':[{'Member_Account':'tommy'}]}");
      rest.call("group_open_http_svc", "send_group_msg", "{'GroupId':'" + gid + "','From_Account':'jared',"
          + "'Random':123456,'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'@@RBT#001 hello'}}],"
          + "'GroupAtInfo':[{'GroupAtAllFlag':0,'GroupAt_Account':'@RBT#001'}],'CloudCustomData':'ccd'}");
      rest.call("group_open_http_svc", "delete_group_member", "{'GroupId':'" + gid + "','MemberToDel_Account':['tommy']}");
      im.users().login("id");
      rest.call("sns", "friend_add", "{'From_Account':'id','AddFriendItem':[{'To_Account':'id1',"
          + "'AddSource':'AddSource_Type_Android'}],'ForceAddFlags':1}");
      rest.call("sns", "black_list_add", "{'From_Account':'id','To_Account':['id1']}");
      rest.call("profile", "portrait_set", "{'From_Account':'id1','ProfileItem':[{'Tag':'Tag_Profile_IM_Nick','Value':'nick1'},"
          + "{'Tag':'Tag_Profile_IM_Gender','Value':'Gender_Type_Male'}]}");

      List<ReceivedCallback> got = new ArrayList<>();
      CallbackReceiver receiver = CallbackReceiver.builder().sdkAppId(im.sdkAppId()).token(TOKEN)
          .executor(Runnable::run).sink(got::add).build();
      Map<String, List<String>> mismatches = new LinkedHashMap<>();
      for (Iterator<String> it = EXAMPLES.fieldNames(); it.hasNext(); ) {
        String command = it.next();
        CallbackCapture.Received r = target.await(command);
        // KickedDevice only on a login that kicked another device; TopicId only in Community topics.
        List<String> diff = DocExamples.shapeMismatches(EXAMPLES.get(command), r.body(), Set.of("KickedDevice", "TopicId"));
        CallbackResponse answer = receiver.handle(r.params(), r.body().toString().getBytes(StandardCharsets.UTF_8));
        if (answer.status() != 200) {
          diff = new ArrayList<>(diff);
          diff.add("bot-core answered " + answer.status() + " " + answer.body());
        }
        if (!diff.isEmpty()) {
          mismatches.put(command, diff);
        }
      }
      assertThat(mismatches).isEmpty();
    }
  }

  private static Map<String, String> query(String command, String sign, long requestTime) {
    return Map.of("SdkAppid", Long.toString(APP), "CallbackCommand", command, "contenttype", "json",
        "ClientIP", "127.0.0.1", "OptPlatform", "RESTAPI", "Sign", sign, "RequestTime", Long.toString(requestTime));
  }
}
