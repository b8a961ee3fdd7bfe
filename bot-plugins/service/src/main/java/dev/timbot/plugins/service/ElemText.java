package dev.timbot.plugins.service;

import dev.timbot.message.CustomElem;
import dev.timbot.message.FaceElem;
import dev.timbot.message.FileElem;
import dev.timbot.message.ImageElem;
import dev.timbot.message.LocationElem;
import dev.timbot.message.MessageElem;
import dev.timbot.message.SoundElem;
import dev.timbot.message.TextElem;
import dev.timbot.message.UnknownElem;
import dev.timbot.message.VideoFileElem;
import java.util.List;
import java.util.stream.Collectors;

/** A one-line description of elements, for /history and logs. */
final class ElemText {
  private ElemText() {}

  static String describe(List<MessageElem> elements) {
    return elements.stream().map(ElemText::describe).collect(Collectors.joining(" "));
  }

  static String describe(MessageElem e) {
    if (e instanceof TextElem t) {
      return t.text();
    }
    if (e instanceof ImageElem) {
      return "[image]";
    }
    if (e instanceof FileElem f) {
      return "[file " + f.fileName() + "]";
    }
    if (e instanceof SoundElem) {
      return "[voice]";
    }
    if (e instanceof VideoFileElem) {
      return "[video]";
    }
    if (e instanceof FaceElem) {
      return "[face]";
    }
    if (e instanceof LocationElem l) {
      return "[location " + l.desc() + "]";
    }
    if (e instanceof CustomElem) {
      return "[card]";
    }
    return "[" + ((UnknownElem) e).msgType() + "]";
  }
}
