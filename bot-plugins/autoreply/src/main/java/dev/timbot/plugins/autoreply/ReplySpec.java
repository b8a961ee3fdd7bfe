package dev.timbot.plugins.autoreply;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.timbot.message.CustomElem;
import dev.timbot.message.ImageElem;
import dev.timbot.message.ImageElem.ImageInfo;
import dev.timbot.message.MessageElem;
import dev.timbot.message.MessageJson;
import dev.timbot.message.TextElem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What to answer: a text (the short form {@code reply: "…"}), an image URL, a custom card
 * ({@code data}/{@code desc}/{@code ext}), or a full element list in the wire format. Text,
 * custom data and desc are templates (see {@link Templates}).
 */
public record ReplySpec(String text, String image, CustomSpec custom, JsonNode elements) {

  @JsonCreator
  public ReplySpec(
      @JsonProperty("text") String text,
      @JsonProperty("image") String image,
      @JsonProperty("custom") CustomSpec custom,
      @JsonProperty("elements") JsonNode elements) {
    int kinds = (text != null ? 1 : 0) + (image != null ? 1 : 0) + (custom != null ? 1 : 0)
        + (elements != null ? 1 : 0);
    if (kinds == 0) {
      throw new IllegalArgumentException("a reply needs one of text, image, custom, elements");
    }
    if (elements != null && !elements.isArray()) {
      throw new IllegalArgumentException("reply.elements must be a list of {MsgType, MsgContent}");
    }
    this.text = text;
    this.image = image;
    this.custom = custom;
    this.elements = elements;
  }

  /** The short form: {@code reply: "some text"}. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ReplySpec ofText(String text) {
    return new ReplySpec(text, null, null, null);
  }

  /** The elements to send, with templates filled in from {@code vars}. */
  public List<MessageElem> render(Map<String, String> vars) {
    List<MessageElem> out = new ArrayList<>();
    if (text != null) {
      out.add(TextElem.of(Templates.render(text, vars)));
    }
    if (image != null) {
      String url = Templates.render(image, vars);
      out.add(new ImageElem(Integer.toHexString(url.hashCode()), ImageElem.FORMAT_OTHER,
          List.of(new ImageInfo(ImageInfo.ORIGINAL, 0, 0, 0, url))));
    }
    if (custom != null) {
      // Values come from users (nick, captures): escaped so they stay inside the JSON strings.
      out.add(new CustomElem(Templates.render(custom.data(), Templates.jsonEscaped(vars)),
          custom.desc() == null ? null : Templates.render(custom.desc(), vars), custom.ext(), null));
    }
    if (elements != null) {
      out.addAll(MessageJson.readBody(elements.toString()));
    }
    return out;
  }

  /** A custom element; {@code data} is usually JSON such as a customer-service card. */
  public record CustomSpec(
      @JsonProperty("data") String data,
      @JsonProperty("desc") String desc,
      @JsonProperty("ext") String ext) {
    public CustomSpec {
      if (data == null) {
        throw new IllegalArgumentException("reply.custom.data is required");
      }
    }
  }
}
