package dev.timbot.plugins.calls;

import java.util.ArrayList;
import java.util.List;

/** Captures what the relay sends, decoded, for assertions. */
final class RecordingTransport implements CallTransport {
  record Sent(String to, CallProtocol protocol, String data, CallSignal signal) {}

  final List<Sent> sent = new ArrayList<>();

  @Override
  public synchronized void send(String to, CallProtocol protocol, String data) {
    sent.add(new Sent(to, protocol, data, CallSignals.decode(data).orElseThrow()));
  }

  synchronized List<Sent> to(String account) {
    return sent.stream().filter(s -> s.to().equals(account)).toList();
  }

  synchronized List<CallAction> actionsTo(String account) {
    return to(account).stream().map(s -> s.signal().action()).toList();
  }

  synchronized void clear() {
    sent.clear();
  }
}
