package dev.timbot;

import dev.timbot.message.CustomElem;

/** Turns a typed payload into a custom element (the reverse of {@link CustomDecoder}). */
@FunctionalInterface
public interface CustomEncoder<T> {
  CustomElem encode(T payload) throws Exception;
}
