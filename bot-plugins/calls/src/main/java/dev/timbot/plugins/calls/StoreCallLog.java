package dev.timbot.plugins.calls;

import dev.timbot.spi.Store;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * The call log in the bot's durable {@link Store} (namespace {@code calls}): one key per call,
 * {@code call/} and a zero-padded sequence, so the calls list in the order they ended; the value
 * is the JSON object {@link JsonLinesCallLog} writes per line. The key space is looked up at the
 * first call, because the bot opens its store only when it starts.
 */
public final class StoreCallLog implements CallLog {
  /** The namespace in the bot's store. */
  public static final String NAMESPACE = "calls";
  /** The key prefix of the logged calls. */
  public static final String PREFIX = "call/";

  private final Supplier<Store.KeyedState> opener;
  private Store.KeyedState state;
  private long sequence = -1;

  /** @param opener gives the key space; called once, at the first call logged */
  public StoreCallLog(Supplier<Store.KeyedState> opener) {
    this.opener = opener;
  }

  @Override
  public synchronized void record(CallRecord record) {
    if (state == null) {
      state = opener.get();
    }
    if (sequence < 0) {
      List<String> keys = state.keys(PREFIX);
      sequence = keys.isEmpty() ? 0 : Long.parseLong(keys.get(keys.size() - 1).substring(PREFIX.length()));
    }
    sequence++;
    byte[] json = JsonLinesCallLog.encode(record).toString().getBytes(StandardCharsets.UTF_8);
    state.put(PREFIX + String.format("%019d", sequence), json, null);
  }
}
