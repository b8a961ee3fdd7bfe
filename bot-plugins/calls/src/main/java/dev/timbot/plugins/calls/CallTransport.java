package dev.timbot.plugins.calls;

/** Sends a call signal ({@code TIMCustomElem.Data}) from the bot to an account. */
@FunctionalInterface
public interface CallTransport {
  void send(String to, CallProtocol protocol, String data);
}
