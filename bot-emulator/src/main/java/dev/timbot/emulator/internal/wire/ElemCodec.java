package dev.timbot.emulator.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.emulator.ImError;
import dev.timbot.message.CustomElem;
import dev.timbot.message.FaceElem;
import dev.timbot.message.FileElem;
import dev.timbot.message.ImageElem;
import dev.timbot.message.ImageElem.ImageInfo;
import dev.timbot.message.LocationElem;
import dev.timbot.message.MessageElem;
import dev.timbot.message.SoundElem;
import dev.timbot.message.TextElem;
import dev.timbot.message.UnknownElem;
import dev.timbot.message.VideoFileElem;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code MsgBody} ↔ message elements, field by field from the "消息格式描述" page
 * ({@code {"MsgType": …, "MsgContent": {…}}}). The element records are the embedding API's
 * values; their JSON names are written here by hand, never taken from the bot's annotations.
 * Reading is strict about the documented types (a number where a string is documented is
 * refused with the caller's element error code); unknown {@code MsgType}s are kept as they are.
 */
public final class ElemCodec {
  private ElemCodec() {}

  public static ArrayNode write(List<MessageElem> body) {
    ArrayNode out = Wire.array();
    for (MessageElem e : body) {
      out.add(write(e));
    }
    return out;
  }

  public static ObjectNode write(MessageElem e) {
    ObjectNode elem = Wire.object();
    if (e instanceof UnknownElem u) {
      elem.put("MsgType", u.msgType());
      try {
        elem.set("MsgContent", Wire.mapper().readTree(u.contentJson()));
      } catch (java.io.IOException notJson) {
        throw new IllegalArgumentException("UnknownElem content is not JSON", notJson);
      }
      return elem;
    }
    elem.put("MsgType", e.msgType());
    ObjectNode c = elem.putObject("MsgContent");
    if (e instanceof TextElem t) {
      c.put("Text", t.text());
    } else if (e instanceof FaceElem f) {
      c.put("Index", f.index());
      putIf(c, "Data", f.data());
    } else if (e instanceof LocationElem l) {
      putIf(c, "Desc", l.desc());
      c.put("Latitude", l.latitude());
      c.put("Longitude", l.longitude());
    } else if (e instanceof CustomElem x) {
      putIf(c, "Data", x.data());
      putIf(c, "Desc", x.desc());
      putIf(c, "Ext", x.ext());
      putIf(c, "Sound", x.sound());
    } else if (e instanceof ImageElem i) {
      putIf(c, "UUID", i.uuid());
      c.put("ImageFormat", i.imageFormat());
      ArrayNode infos = c.putArray("ImageInfoArray");
      for (ImageInfo r : i.imageInfoArray()) {
        infos.addObject().put("Type", r.type()).put("Size", r.size()).put("Width", r.width())
            .put("Height", r.height()).put("URL", r.url());
      }
    } else if (e instanceof SoundElem s) {
      putIf(c, "Url", s.url());
      putIf(c, "UUID", s.uuid());
      putIf(c, "Size", s.size());
      putIf(c, "Second", s.second());
      putIf(c, "Download_Flag", s.downloadFlag());
    } else if (e instanceof FileElem f) {
      putIf(c, "Url", f.url());
      putIf(c, "UUID", f.uuid());
      putIf(c, "FileSize", f.fileSize());
      putIf(c, "FileName", f.fileName());
      putIf(c, "Download_Flag", f.downloadFlag());
    } else if (e instanceof VideoFileElem v) {
      putIf(c, "VideoUrl", v.videoUrl());
      putIf(c, "VideoUUID", v.videoUuid());
      putIf(c, "VideoSize", v.videoSize());
      putIf(c, "VideoSecond", v.videoSecond());
      putIf(c, "VideoFormat", v.videoFormat());
      putIf(c, "VideoDownloadFlag", v.videoDownloadFlag());
      putIf(c, "ThumbUrl", v.thumbUrl());
      putIf(c, "ThumbUUID", v.thumbUuid());
      putIf(c, "ThumbSize", v.thumbSize());
      putIf(c, "ThumbWidth", v.thumbWidth());
      putIf(c, "ThumbHeight", v.thumbHeight());
      putIf(c, "ThumbFormat", v.thumbFormat());
      putIf(c, "ThumbDownloadFlag", v.thumbDownloadFlag());
    }
    return elem;
  }

  /** Reads a {@code MsgBody} array whose shape was already checked; {@code code} for bad fields. */
  public static List<MessageElem> read(JsonNode body, int code) {
    List<MessageElem> out = new ArrayList<>();
    for (JsonNode e : body) {
      out.add(read(e.path("MsgType").asText(), e.path("MsgContent"), code));
    }
    return out;
  }

  private static MessageElem read(String type, JsonNode c, int code) {
    Fields f = new Fields(type, c, code);
    return switch (type) {
      case "TIMTextElem" -> new TextElem(f.requiredText("Text"));
      case "TIMFaceElem" -> new FaceElem((int) f.integer("Index", 0), f.text("Data"));
      case "TIMLocationElem" -> new LocationElem(f.text("Desc"), f.number("Latitude"), f.number("Longitude"));
      case "TIMCustomElem" -> new CustomElem(f.text("Data"), f.text("Desc"), f.text("Ext"), f.text("Sound"));
      case "TIMImageElem" -> new ImageElem(f.text("UUID"), (int) f.integer("ImageFormat", 255), images(c, code));
      case "TIMSoundElem" -> new SoundElem(f.text("Url"), f.text("UUID"), f.optLong("Size"),
          f.optInt("Second"), f.optInt("Download_Flag"));
      case "TIMFileElem" -> new FileElem(f.text("Url"), f.text("UUID"), f.optLong("FileSize"),
          f.text("FileName"), f.optInt("Download_Flag"));
      case "TIMVideoFileElem" -> new VideoFileElem(f.text("VideoUrl"), f.text("VideoUUID"),
          f.optLong("VideoSize"), f.optInt("VideoSecond"), f.text("VideoFormat"), f.optInt("VideoDownloadFlag"),
          f.text("ThumbUrl"), f.text("ThumbUUID"), f.optLong("ThumbSize"), f.optInt("ThumbWidth"),
          f.optInt("ThumbHeight"), f.text("ThumbFormat"), f.optInt("ThumbDownloadFlag"));
      default -> new UnknownElem(type, c.toString());
    };
  }

  private static List<ImageInfo> images(JsonNode c, int code) {
    JsonNode arr = c.get("ImageInfoArray");
    if (arr == null || arr.isNull()) {
      return List.of();
    }
    if (!arr.isArray()) {
      throw new ImError(code, "TIMImageElem.ImageInfoArray is not an array");
    }
    List<ImageInfo> out = new ArrayList<>();
    for (JsonNode i : arr) {
      Fields f = new Fields("TIMImageElem.ImageInfoArray", i, code);
      out.add(new ImageInfo((int) f.integer("Type", 1), f.integer("Size", 0), (int) f.integer("Width", 0),
          (int) f.integer("Height", 0), f.text("URL")));
    }
    return out;
  }

  private static void putIf(ObjectNode o, String name, String v) {
    if (v != null) {
      o.put(name, v);
    }
  }

  private static void putIf(ObjectNode o, String name, Number v) {
    if (v != null) {
      o.put(name, v.longValue());
    }
  }

  /** Typed reads of one element's {@code MsgContent}; a wrong JSON type is refused. */
  private record Fields(String type, JsonNode c, int code) {
    String text(String name) {
      JsonNode v = c.get(name);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isTextual()) {
        throw new ImError(code, type + "." + name + " must be a string");
      }
      return v.asText();
    }

    String requiredText(String name) {
      String v = text(name);
      if (v == null) {
        throw new ImError(code, type + "." + name + " is missing");
      }
      return v;
    }

    Long optLong(String name) {
      JsonNode v = c.get(name);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        throw new ImError(code, type + "." + name + " must be an integer");
      }
      return v.asLong();
    }

    Integer optInt(String name) {
      Long v = optLong(name);
      if (v != null && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
        throw new ImError(code, type + "." + name + " is out of range");
      }
      return v == null ? null : v.intValue();
    }

    long integer(String name, long dflt) {
      Long v = optLong(name);
      return v == null ? dflt : v;
    }

    double number(String name) {
      JsonNode v = c.get(name);
      if (v == null || v.isNull()) {
        return 0;
      }
      if (!v.isNumber()) {
        throw new ImError(code, type + "." + name + " must be a number");
      }
      return v.asDouble();
    }
  }
}
