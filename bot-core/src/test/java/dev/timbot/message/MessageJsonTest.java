package dev.timbot.message;

import dev.timbot.message.ImageElem.ImageInfo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageJsonTest {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();


  /** Every documented element type, as in the reference examples. */
  static final String BODY =
      "["
          + "{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"red packet\"}},"
          + "{\"MsgType\":\"TIMFaceElem\",\"MsgContent\":{\"Index\":6,\"Data\":\"abc\\u0000\\u0001\"}},"
          + "{\"MsgType\":\"TIMLocationElem\",\"MsgContent\":{\"Desc\":\"someinfo\",\"Latitude\":29.340656774469,\"Longitude\":116.77497920478}},"
          + "{\"MsgType\":\"TIMCustomElem\",\"MsgContent\":{\"Data\":\"message\",\"Desc\":\"notification\",\"Ext\":\"url\",\"Sound\":\"dingdong.aiff\"}},"
          + "{\"MsgType\":\"TIMImageElem\",\"MsgContent\":{\"UUID\":\"1853095_D61040894AC3DE44CDFFFB3EC7EB720F\",\"ImageFormat\":1,\"ImageInfoArray\":["
          + "{\"Type\":1,\"Size\":1853095,\"Width\":2448,\"Height\":3264,\"URL\":\"http://xxx/3200490432214177468_144115198371610486_D61040894AC3DE44CDFFFB3EC7EB720F/0\"},"
          + "{\"Type\":2,\"Size\":2565240,\"Width\":0,\"Height\":0,\"URL\":\"http://xxx/3200490432214177468_144115198371610486_D61040894AC3DE44CDFFFB3EC7EB720F/720\"},"
          + "{\"Type\":3,\"Size\":12535,\"Width\":0,\"Height\":0,\"URL\":\"http://xxx/3200490432214177468_144115198371610486_D61040894AC3DE44CDFFFB3EC7EB720F/198\"}]}},"
          + "{\"MsgType\":\"TIMSoundElem\",\"MsgContent\":{\"Url\":\"https://1400000000.vod2.myqcloud.com/a.mp3\",\"UUID\":\"5_2B1A2A56\",\"Size\":16092,\"Second\":5,\"Download_Flag\":2}},"
          + "{\"MsgType\":\"TIMFileElem\",\"MsgContent\":{\"Url\":\"https://example.com/f.txt\",\"UUID\":\"6_12345\",\"FileSize\":1773552,\"FileName\":\"file:///a.txt\",\"Download_Flag\":2}},"
          + "{\"MsgType\":\"TIMVideoFileElem\",\"MsgContent\":{\"VideoUrl\":\"https://example.com/v.mp4\",\"VideoUUID\":\"5da38ba89d6521\",\"VideoSize\":1194603,\"VideoSecond\":5,\"VideoFormat\":\"mp4\",\"VideoDownloadFlag\":2,"
          + "\"ThumbUrl\":\"https://example.com/t.jpg\",\"ThumbUUID\":\"6edaffedef5150\",\"ThumbSize\":13907,\"ThumbWidth\":720,\"ThumbHeight\":1280,\"ThumbFormat\":\"JPG\",\"ThumbDownloadFlag\":2}},"
          + "{\"MsgType\":\"TIMRelayElem\",\"MsgContent\":{\"Title\":\"chat history\",\"MsgNum\":2,\"AbstractList\":[\"a: hi\"]}}"
          + "]";

  @Test
  void everyDocumentedElementRoundTripsByteForByte() throws Exception {
    List<MessageElem> elems = MessageJson.readBody(BODY);
    assertThat(elems)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("TextElem", "FaceElem", "LocationElem", "CustomElem", "ImageElem",
            "SoundElem", "FileElem", "VideoFileElem", "UnknownElem");
    String written = MessageJson.writeBody(elems);
    assertThat(written).isEqualTo(BODY);
    // Any Jackson mapper of the user's own reads and writes elements the same way.
    List<MessageElem> viaOwnMapper = JSON.readValue(BODY, new com.fasterxml.jackson.core.type.TypeReference<>() {});
    assertThat(viaOwnMapper).isEqualTo(elems);
    assertThat(JSON.writeValueAsString(viaOwnMapper)).isEqualTo(BODY);
  }

  @Test
  void typedAccessors() throws Exception {
    List<MessageElem> elems = MessageJson.readBody(BODY);
    ImageElem image = (ImageElem) elems.get(4);
    assertThat(image.width()).isEqualTo(2448);
    assertThat(image.rendition(ImageInfo.THUMBNAIL).orElseThrow().size()).isEqualTo(12535);
    UnknownElem relay = (UnknownElem) elems.get(8);
    assertThat(relay.msgType()).isEqualTo("TIMRelayElem");
    assertThat(JSON.readTree(relay.contentJson()).get("MsgNum").asInt()).isEqualTo(2);
  }

  @Test
  void unknownFieldsAreToleratedAndAKnownTypeWithBadContentIsKeptRaw() throws Exception {
    MessageElem extra = MessageJson.fromJson(
        "{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"hi\",\"NewField\":1}}");
    assertThat(extra).isEqualTo(TextElem.of("hi"));
    MessageElem broken = MessageJson.fromJson(
        "{\"MsgType\":\"TIMImageElem\",\"MsgContent\":{\"ImageInfoArray\":\"oops\"}}");
    assertThat(broken).isInstanceOf(UnknownElem.class);
    assertThat(MessageJson.toJson(broken))
        .isEqualTo("{\"MsgType\":\"TIMImageElem\",\"MsgContent\":{\"ImageInfoArray\":\"oops\"}}");
  }

  @Test
  void absentOptionalFieldsStayAbsent() {
    assertThat(MessageJson.toJson(CustomElem.of("{\"a\":1}")))
        .isEqualTo("{\"MsgType\":\"TIMCustomElem\",\"MsgContent\":{\"Data\":\"{\\\"a\\\":1}\"}}");
  }

  @Test
  void conversationIdsFollowTheSdk() {
    assertThat(Conversation.c2c("user1").conversationId()).isEqualTo("C2Cuser1");
    assertThat(Conversation.parse("GROUP@TGS#1abc")).isEqualTo(Conversation.group("@TGS#1abc"));
  }
}
