package dev.timbot.emulator.internal.rest;

/**
 * An authenticated REST request: {@code identifier} is the verified admin, {@code clientIp} the
 * caller's address (forwarded to callbacks as {@code ClientIP}).
 */
public record RestCall(String service, String command, String identifier, String clientIp, Body body) {}
