package dev.timbot.internal.store;

import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The maps every message writes, with typed keys and values, and their move from the layout of
 * earlier versions, which opened them with MVStore's generic {@code ObjectDataType} (a type tag per
 * key and value, written and compared through a type switch; issue 15's profile had the commit
 * thread serialising these pages). MVStore does not record a map's types, so a typed map needs a
 * new name: at open, the entries of the old map are put into the new one and the old map removed.
 *
 * <p>{@link #moveGeneric} runs before the commit thread starts, so the first commit that takes any of
 * it holds all of it: the moved entries and the removal of the old maps are durable together, and a
 * crash before that commit leaves the file as the earlier version wrote it (moved again at the next
 * open). Moving twice from a file in which both maps were durable would overwrite newer entries with
 * older ones (a finished journal entry back, a done send pending again): this ordering rules it out.
 */
final class TypedMaps {
  /** The journal: id → (append time, payload). */
  static final String JOURNAL = "journal.log";
  /** Outbox records: id → {@link OutboxCodec} bytes. */
  static final String OUTBOX = "outbox.records";
  /** The last {@code MsgSeq} per conversation. */
  static final String MSG_SEQ = "outbox.msgSeq";
  /** When to forget done outbox records: (deadline, counter) → id. */
  static final String FORGET_AT = "outbox.forgetAt";

  /** What each typed map was called when it was generic. */
  private record Move(String from, String to, MVMap.Builder<?, ?> types) {}

  private static final List<Move> MOVES = List.of(
      new Move("journal", JOURNAL, longKeys()),
      new Move("outbox", OUTBOX, textKeys()),
      new Move("outbox.seq", MSG_SEQ, counters()));

  private TypedMaps() {}

  /** A map of {@code long} keys and byte values: stored as arrays, written and read back without boxing or text. */
  static MVMap.Builder<Long, byte[]> longKeys() {
    return new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE);
  }

  /** Text keys, byte values. */
  static MVMap.Builder<String, byte[]> textKeys() {
    return new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE);
  }

  /** Text keys, {@code long} values. */
  static MVMap.Builder<String, Long> counters() {
    return new MVMap.Builder<String, Long>().keyType(StringDataType.INSTANCE).valueType(LongDataType.INSTANCE);
  }

  /**
   * The types of the map called {@code name}: what it is opened with, and what a record of the
   * {@link RedoLog} is put back into at open. Maps not named here are generic.
   */
  static MVMap.Builder<?, ?> typesOf(String name) {
    return switch (name) {
      case JOURNAL, FORGET_AT -> longKeys();
      case EmbeddedDedupe.LOG -> longKeys().singleWriter(); // appended by the commit thread (ClaimLog)
      case OUTBOX -> textKeys();
      case MSG_SEQ -> counters();
      default -> new MVMap.Builder<>();
    };
  }

  /** Opens the map called {@code name} with the types {@link #typesOf} gives it. */
  @SuppressWarnings("unchecked")
  static <K, V> MVMap<K, V> open(MVStore mv, String name) {
    return (MVMap<K, V>) mv.openMap(name, typesOf(name));
  }

  /** Moves the entries of each generic map the file still has into its typed successor; before anything commits. */
  static void moveGeneric(MVStore mv) {
    for (Move m : MOVES) {
      if (mv.hasMap(m.from())) {
        move(mv, m.from(), mv.openMap(m.to(), m.types()));
      }
    }
  }

  private static <K, V> void move(MVStore mv, String from, MVMap<K, V> to) {
    MVMap<K, V> old = mv.openMap(from); // the generic types it was written with
    to.putAll(old);
    mv.removeMap(old);
  }
}
