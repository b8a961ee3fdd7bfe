package dev.timbot.plugins.calls;

import dev.timbot.spi.Store;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * The call log in the bot's durable {@link Store} (namespace {@code calls}): one key per call,
 * {@code call/} and a zero-padded sequence, so the calls list in the order they ended; the value
 * is the JSON object {@link JsonLinesCallLog} writes per line. The sequence is the key {@value
 * #SEQUENCE}, raised by compare-and-set, so processes sharing the store never write one key twice.
 * The key space is looked up at the first call, because the bot opens its store only when it starts.
 */
public final class StoreCallLog implements CallLog {
  /** The namespace in the bot's store. */
  public static final String NAMESPACE = "calls";
  /** The key prefix of the logged calls. */
  public static final String PREFIX = "call/";
  /** The key holding the last sequence handed out. */
  public static final String SEQUENCE = "sequence";

  private final Supplier<Store.KeyedState> opener;
  private Store.KeyedState state;

  /** @param opener gives the key space; called once, at the first call logged */
  public StoreCallLog(Supplier<Store.KeyedState> opener) {
    this.opener = opener;
  }

  @Override
  public synchronized void record(CallRecord record) {
    if (state == null) {
      state = opener.get();
    }
    byte[] json = JsonLinesCallLog.encode(record).toString().getBytes(StandardCharsets.UTF_8);
    state.put(PREFIX + String.format("%019d", nextSequence()), json, null);
  }

  private long nextSequence() {
    while (true) {
      byte[] current = state.get(SEQUENCE).orElse(null);
      long last;
      if (current != null) {
        last = Long.parseLong(new String(current, StandardCharsets.UTF_8));
      } else {
        // A log written before the sequence key: go on after its last call.
        List<String> keys = state.keys(PREFIX);
        last = keys.isEmpty() ? 0 : Long.parseLong(keys.get(keys.size() - 1).substring(PREFIX.length()));
      }
      if (state.replace(SEQUENCE, current, Long.toString(last + 1).getBytes(StandardCharsets.UTF_8), null)) {
        return last + 1;
      }
    }
  }
}
