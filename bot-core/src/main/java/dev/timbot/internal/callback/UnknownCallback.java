package dev.timbot.internal.callback;

import com.fasterxml.jackson.databind.JsonNode;

/** A callback command timbot does not model; acknowledged, logged, and handed on raw. */
public record UnknownCallback(String command, JsonNode body) implements CallbackEvent {}
