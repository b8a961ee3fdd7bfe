package dev.timbot.message;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One element of a message body ({@code MsgBody[i]}), as in the documented TIMMsgElement format
 * {@code {"MsgType": "...", "MsgContent": {...}}}.
 *
 * <p>The set is sealed so that a {@code switch} over elements is exhaustive; {@link UnknownElem}
 * keeps any element type the service adds later, so nothing received is ever lost.
 */
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
