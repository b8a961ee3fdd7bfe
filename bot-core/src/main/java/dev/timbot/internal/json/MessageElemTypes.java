package dev.timbot.internal.json;

import dev.timbot.message.CustomElem;
import dev.timbot.message.FaceElem;
import dev.timbot.message.FileElem;
import dev.timbot.message.ImageElem;
import dev.timbot.message.LocationElem;
import dev.timbot.message.MessageElem;
import dev.timbot.message.SoundElem;
import dev.timbot.message.TextElem;
import dev.timbot.message.VideoFileElem;
import java.util.Map;

/** The documented {@code MsgType} names and the record each one maps to. */
final class MessageElemTypes {
  static final Map<String, Class<? extends MessageElem>> BY_NAME =
      Map.of(
          TextElem.MSG_TYPE, TextElem.class,
          FaceElem.MSG_TYPE, FaceElem.class,
          LocationElem.MSG_TYPE, LocationElem.class,
          CustomElem.MSG_TYPE, CustomElem.class,
          ImageElem.MSG_TYPE, ImageElem.class,
          SoundElem.MSG_TYPE, SoundElem.class,
          FileElem.MSG_TYPE, FileElem.class,
          VideoFileElem.MSG_TYPE, VideoFileElem.class);

  private MessageElemTypes() {}
}
