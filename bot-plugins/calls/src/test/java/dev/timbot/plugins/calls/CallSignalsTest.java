package dev.timbot.plugins.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.timbot.message.MessageJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallSignalsTest {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();


  @Test
  void decodesEveryV3ActionAndKeepsTheRoomAsSent() {
    int[] codes = {-2, 0, 1, 2, 3, 4, 5, 6};
    CallAction[] actions = {CallAction.ERROR, CallAction.INVITE, CallAction.CANCEL, CallAction.REJECT,
        CallAction.NO_ANSWER, CallAction.ACCEPT, CallAction.HANGUP, CallAction.BUSY};
    for (int i = 0; i < codes.length; i++) {
      String data = "{\"call_id\":\"\",\"version\":3,\"room_id\":-1203987771,\"action\":" + codes[i]
          + ",\"duration\":73,\"invited_list\":[\"bob\"],\"code\":-7}";
      CallSignal s = CallSignals.decode(data).orElseThrow();
      assertThat(s.protocol()).isEqualTo(CallProtocol.LEGACY_V3);
      assertThat(s.action()).isEqualTo(actions[i]);
      assertThat(s.roomIdText()).isEqualTo("-1203987771");
      assertThat(s.invitees()).containsExactly("bob");
      assertThat(LegacyV3Codec.actionCode(actions[i])).isEqualTo(codes[i]);
    }
    assertThat(CallSignals.decode("{\"version\":3,\"action\":5,\"duration\":73,\"room_id\":1}").orElseThrow().durationSeconds()).isEqualTo(73);
  }

  @Test
  void decodesTheDocumentedSignalingExamples() {
    String invite = "{\"businessID\":1,\"inviteID\":\"a1b2c3\",\"inviter\":\"alice\",\"actionType\":1,\"inviteeList\":[\"bob\"],\"timeout\":30,\"groupID\":\"\","
        + "\"data\":\"{\\\"version\\\":4,\\\"businessID\\\":\\\"av_call\\\",\\\"platform\\\":\\\"Android\\\",\\\"extInfo\\\":\\\"\\\",\\\"call_type\\\":2,\\\"room_id\\\":82749123,\\\"data\\\":{\\\"room_id\\\":82749123,\\\"cmd\\\":\\\"videoCall\\\",\\\"cmdInfo\\\":\\\"\\\",\\\"message\\\":\\\"\\\",\\\"userIDs\\\":[\\\"bob\\\"]}}\"}";
    CallSignal s = CallSignals.decode(invite).orElseThrow();
    assertThat(s.protocol()).isEqualTo(CallProtocol.SIGNALING);
    assertThat(s.action()).isEqualTo(CallAction.INVITE);
    assertThat(s.callId()).isEqualTo("a1b2c3");
    assertThat(s.caller()).isEqualTo("alice");
    assertThat(s.mediaType()).isEqualTo(MediaType.VIDEO);
    assertThat(s.roomIdText()).isEqualTo("82749123");
    assertThat(s.timeoutSeconds()).isEqualTo(30);

    String busy = "{\"businessID\":1,\"inviteID\":\"a1b2c3\",\"inviter\":\"alice\",\"actionType\":4,\"inviteeList\":[\"bob\"],\"timeout\":0,\"groupID\":\"\","
        + "\"data\":\"{\\\"version\\\":4,\\\"businessID\\\":\\\"av_call\\\",\\\"call_type\\\":2,\\\"line_busy\\\":\\\"line_busy\\\",\\\"data\\\":{\\\"room_id\\\":82749123,\\\"cmd\\\":\\\"\\\",\\\"message\\\":\\\"lineBusy\\\"}}\"}";
    assertThat(CallSignals.decode(busy).orElseThrow().action()).isEqualTo(CallAction.BUSY);

    String hangup = "{\"businessID\":1,\"inviteID\":\"d4e5f6\",\"inviter\":\"bob\",\"actionType\":1,\"inviteeList\":[\"alice\"],\"timeout\":0,\"groupID\":\"\","
        + "\"data\":\"{\\\"version\\\":4,\\\"businessID\\\":\\\"av_call\\\",\\\"call_type\\\":2,\\\"call_end\\\":73,\\\"data\\\":{\\\"room_id\\\":82749123,\\\"cmd\\\":\\\"hangup\\\",\\\"cmdInfo\\\":\\\"73\\\",\\\"message\\\":\\\"\\\"}}\"}";
    CallSignal h = CallSignals.decode(hangup).orElseThrow();
    assertThat(h.action()).isEqualTo(CallAction.HANGUP);
    assertThat(h.durationSeconds()).isEqualTo(73);

    // The C SDK's real envelope (generation (a) payload): an invite with a numeric room.
    String native_ = "{\"actionType\":1,\"businessID\":1,\"data\":\"{\\\"version\\\":0,\\\"call_type\\\":1,\\\"room_id\\\":30714513}\",\"groupID\":\"\",\"inviteID\":\"19455b33-c8fc-4fef-ab60-9347ebea78cc\",\"inviteeList\":[\"3708\"],\"inviter\":\"109442\",\"timeout\":30}";
    CallSignal n = CallSignals.decode(native_).orElseThrow();
    assertThat(n.action()).isEqualTo(CallAction.INVITE);
    assertThat(n.mediaType()).isEqualTo(MediaType.AUDIO);
    // Old-format end of call: no cmd, call_end present.
    String oldEnd = "{\"businessID\":1,\"inviteID\":\"x\",\"inviter\":\"a\",\"actionType\":1,\"inviteeList\":[\"b\"],\"timeout\":0,\"data\":\"{\\\"version\\\":0,\\\"call_type\\\":1,\\\"call_end\\\":12}\"}";
    assertThat(CallSignals.decode(oldEnd).orElseThrow().action()).isEqualTo(CallAction.HANGUP);
    // A string room passes through unchanged.
    String strRoom = "{\"businessID\":1,\"inviteID\":\"x\",\"inviter\":\"a\",\"actionType\":1,\"inviteeList\":[\"b\"],\"timeout\":30,\"data\":\"{\\\"version\\\":4,\\\"call_type\\\":1,\\\"room_id\\\":\\\"room-abc\\\"}\"}";
    assertThat(CallSignals.decode(strRoom).orElseThrow().roomId().isTextual()).isTrue();
  }

  @Test
  void malformedOrUnrelatedDataIsNotASignal() {
    for (String data : List.of("", "hello", "{", "[1,2]", "{\"version\":2,\"videoState\":0}",
        "{\"version\":3}", "{\"version\":3,\"action\":\"0\"}", "{\"version\":3,\"action\":9}",
        "{\"businessID\":1,\"actionType\":1,\"inviteID\":\"x\",\"data\":\"not json\"}",
        "{\"businessID\":\"av_call\",\"actionType\":1,\"inviteID\":\"x\",\"data\":\"{}\"}",
        "{\"businessID\":1,\"actionType\":9,\"inviteID\":\"x\",\"data\":\"{}\"}",
        "{\"src\":\"9\",\"menuContent\":[]}", "null")) {
      assertThat(CallSignals.decode(data)).as(data).isEmpty();
    }
  }

  @Test
  void v3EncodersEchoTheInviteWithTheNewAction() throws Exception {
    String invite = "{\"call_id\":\"\",\"version\":3,\"room_id\":31415,\"action\":0,\"duration\":0,\"invited_list\":[]}";
    assertThat(LegacyV3Codec.invite(JSON.readTree("31415"))).isEqualTo(invite);
    CallSignal s = CallSignals.decode(invite).orElseThrow();
    assertThat(LegacyV3Codec.echo(s, CallAction.ACCEPT, null))
        .isEqualTo("{\"call_id\":\"\",\"version\":3,\"room_id\":31415,\"action\":4,\"duration\":0,\"invited_list\":[]}");
    assertThat(LegacyV3Codec.echo(s, CallAction.BUSY, null))
        .isEqualTo("{\"call_id\":\"\",\"version\":3,\"room_id\":31415,\"action\":6,\"duration\":0,\"invited_list\":[]}");
    assertThat(LegacyV3Codec.echo(s, CallAction.HANGUP, 73))
        .isEqualTo("{\"call_id\":\"\",\"version\":3,\"room_id\":31415,\"action\":5,\"duration\":73,\"invited_list\":[]}");
  }

  @Test
  void signalingEncodersWriteTheEnvelopeAndCompatiblePayloads() throws Exception {
    JsonNode room = JSON.readTree("82749123");
    String busy = SignalingCodec.envelope("a1b2c3", "alice", SignalingCodec.REJECT, List.of("bob"),
        SignalingCodec.busyPayload(MediaType.VIDEO, room), 0, "");
    JsonNode env = JSON.readTree(busy);
    assertThat(env.get("businessID").asInt()).isEqualTo(1);
    assertThat(env.get("businessID").isNumber()).isTrue();
    assertThat(env.get("actionType").asInt()).isEqualTo(4);
    assertThat(env.get("data").isTextual()).isTrue();
    JsonNode payload = JSON.readTree(env.get("data").asText());
    assertThat(payload.get("businessID").asText()).isEqualTo("av_call");
    assertThat(payload.get("version").asInt()).isEqualTo(4);
    assertThat(payload.get("line_busy").asText()).isEqualTo("line_busy");
    assertThat(payload.at("/data/message").asText()).isEqualTo("lineBusy");
    assertThat(CallSignals.decode(busy).orElseThrow().action()).isEqualTo(CallAction.BUSY);

    String hangup = SignalingCodec.envelope("z", "bot", SignalingCodec.INVITE, List.of("alice"),
        SignalingCodec.hangupPayload(MediaType.VIDEO, room, 73), 0, "");
    CallSignal h = CallSignals.decode(hangup).orElseThrow();
    assertThat(h.action()).isEqualTo(CallAction.HANGUP);
    assertThat(h.durationSeconds()).isEqualTo(73);
    assertThat(JSON.readTree(h.raw().get("data").asText()).at("/data/cmdInfo").asText()).isEqualTo("73");
  }
}
