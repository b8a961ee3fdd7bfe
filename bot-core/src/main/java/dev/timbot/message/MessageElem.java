package dev.timbot.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * One element of a message body ({@code MsgBody[i]}), as in the documented TIMMsgElement format
 * {@code {"MsgType": "...", "MsgContent": {...}}}.
 *
 * <p>The set is sealed so that a {@code switch} over elements is exhaustive; {@link UnknownElem}
 * keeps any element type the service adds later, so nothing received is ever lost.
 */
@JsonSerialize(using = ElemJson.Writer.class)
@JsonDeserialize(using = ElemJson.Reader.class)
public sealed interface MessageElem
    permits TextElem,
        FaceElem,
        LocationElem,
        CustomElem,
        ImageElem,
        SoundElem,
        FileElem,
        VideoFileElem,
        UnknownElem {

  /** The wire {@code MsgType}, e.g. {@code TIMTextElem}. */
  @JsonIgnore
  String msgType();
}
