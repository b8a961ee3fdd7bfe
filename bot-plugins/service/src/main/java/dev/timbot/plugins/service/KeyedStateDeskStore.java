package dev.timbot.plugins.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.timbot.message.MessageElem;
import dev.timbot.spi.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The desk's records and state in the bot's durable {@link Store} (namespace {@code service}), so
 * they live wherever {@code store.url} puts the runtime's own promises (embedded file, Redis …).
 *
 * <p>Keys: {@code state} holds the desk state (written behind, as {@link DeskJournal} decides);
 * records are {@code session/}, {@code rating/}, {@code transcript/} and {@code left/} followed by
 * a zero-padded sequence, so each kind lists in the order written. Values are the same JSON the
 * file store writes per line.
 *
 * <p>The key space is looked up lazily, at the first read or write: the bot opens its store only
 * when it starts, after the plugin is built.
 *
 * <p>When several processes share the store ({@link #shareRecords()}), the record sequence is a
 * counter in the store ({@value #RECORD_SEQUENCE}, raised by compare-and-set), so two processes
 * never write the same record key; alone, the process counts on from the last key it finds.
 */
public final class KeyedStateDeskStore implements DeskStore {
  /** The namespace in the bot's store. */
  public static final String NAMESPACE = "service";
  static final String STATE = "state";
  static final String SESSION = "session/";
  static final String RATING = "rating/";
  static final String TRANSCRIPT = "transcript/";
  static final String LEFT = "left/";
  static final String RECORD_SEQUENCE = "record.sequence";
  private static final List<String> RECORD_KINDS = List.of(SESSION, RATING, TRANSCRIPT, LEFT);

  private final Supplier<Store.KeyedState> opener;
  private Store.KeyedState state;
  private long sequence = -1;
  private boolean shared;

  /** @param opener gives the key space; called once, at the first use */
  public KeyedStateDeskStore(Supplier<Store.KeyedState> opener) {
    this.opener = opener;
  }

  /** Other processes write records too: take each record's number from the store's counter. */
  synchronized void shareRecords() {
    shared = true;
  }

  /** The key space itself, for {@link ClusterSync}'s lock and revision. */
  synchronized Store.KeyedState keySpace() {
    return state();
  }

  @Override
  public synchronized void sessionEnded(SessionRecord record) {
    append(SESSION, DeskJson.session(record));
  }

  @Override
  public synchronized void rated(String sessionId, String customer, String agent, int rating, Instant at) {
    append(RATING, DeskJson.rating(sessionId, customer, agent, rating, at));
  }

  @Override
  public synchronized void transcript(TranscriptEntry entry) {
    append(TRANSCRIPT, DeskJson.transcript(entry));
  }

  @Override
  public synchronized void messageLeft(String customer, Instant at, List<MessageElem> elements) {
    messageLeft(customer, at, null, elements);
  }

  @Override
  public synchronized void messageLeft(String customer, Instant at, String msgKey, List<MessageElem> elements) {
    append(LEFT, DeskJson.messageLeft(customer, at, msgKey, elements));
  }

  /** Removes every transcript entry and left message carrying {@code msgKey} (a scan: recalls are rare). */
  @Override
  public synchronized void forget(String msgKey) {
    Store.KeyedState kv = state();
    for (String prefix : List.of(TRANSCRIPT, LEFT)) {
      for (String key : kv.keys(prefix)) {
        if (kv.get(key).map(DeskJson::msgKeyOf).filter(msgKey::equals).isPresent()) {
          kv.remove(key);
        }
      }
    }
  }

  @Override
  public synchronized void saveState(DeskState desk) {
    try {
      state().put(STATE, DeskJson.JSON.writeValueAsBytes(desk), null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the desk state", e);
    }
  }

  @Override
  public synchronized Optional<DeskState> loadState() {
    Optional<byte[]> bytes = state().get(STATE);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(DeskJson.JSON.readValue(bytes.get(), DeskState.class));
    } catch (IOException e) {
      throw new UncheckedIOException("the desk state in the store (" + NAMESPACE + "/" + STATE + ") is unreadable", e);
    }
  }

  /** The records of one kind ({@link #TRANSCRIPT} …) in the order written, as JSON: for tests and tools. */
  public synchronized List<JsonNode> records(String prefix) {
    Store.KeyedState kv = state();
    return kv.keys(prefix).stream().flatMap(k -> kv.get(k).stream()).map(KeyedStateDeskStore::parse).toList();
  }

  private static JsonNode parse(byte[] json) {
    try {
      return DeskJson.JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("a desk record in the store is unreadable", e);
    }
  }

  private void append(String prefix, JsonNode json) {
    Store.KeyedState kv = state();
    if (shared) {
      sequence = nextSharedSequence(kv);
    } else {
      if (sequence < 0) {
        sequence = lastSequence(kv);
      }
      sequence++;
    }
    kv.put(prefix + String.format("%019d", sequence), json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
  }

  /** Raises the shared counter by one (compare-and-set, again when another process was quicker). */
  private static long nextSharedSequence(Store.KeyedState kv) {
    while (true) {
      byte[] current = kv.get(RECORD_SEQUENCE).orElse(null);
      long last = current == null ? lastSequence(kv)
          : Long.parseLong(new String(current, java.nio.charset.StandardCharsets.US_ASCII));
      byte[] next = Long.toString(last + 1).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      if (kv.replace(RECORD_SEQUENCE, current, next, null)) {
        return last + 1;
      }
    }
  }

  /** The highest sequence written before (keys list in order, so the last of each kind). */
  private static long lastSequence(Store.KeyedState kv) {
    long last = 0;
    for (String prefix : RECORD_KINDS) {
      List<String> keys = kv.keys(prefix);
      if (!keys.isEmpty()) {
        last = Math.max(last, Long.parseLong(keys.get(keys.size() - 1).substring(prefix.length())));
      }
    }
    return last;
  }

  private Store.KeyedState state() {
    if (state == null) {
      state = opener.get();
    }
    return state;
  }
}
