package dev.timbot.internal.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The claims of the layout before the {@link ClaimLog}: map {@value #MAP}, keyed by the key's
 * 64-bit hash, value = deadline (8) | owner length (2) | owner | either {@link #FINGERPRINT} and
 * the key's fingerprint (8), or (older still) the key's UTF-8 text. At open its live claims are
 * appended to the log, earliest deadline first, and the map is removed — in the same commit, so a
 * crash before it leaves the old map as it was.
 */
final class HashKeyedClaims {
  static final String MAP = "dedupe.byHash";
  /** Marked a fingerprint after the owner (a byte that UTF-8 text never holds). */
  static final byte FINGERPRINT = (byte) 0xFF;

  private HashKeyedClaims() {}

  private record Live(long deadline, long hash, long fingerprint, String owner) {}

  /** Moves the live claims of {@value #MAP}, if the file has it, into {@code log}. */
  static void moveInto(MVStore mv, ClaimLog log, long now) {
    if (!mv.hasMap(MAP)) {
      return;
    }
    MVMap<Long, byte[]> old = mv.openMap(MAP, TypedMaps.longKeys());
    List<Live> live = new ArrayList<>();
    Cursor<Long, byte[]> c = old.cursor(null);
    while (c.hasNext()) {
      long hash = c.next();
      byte[] v = c.getValue();
      ByteBuffer b = ByteBuffer.wrap(v);
      long deadline = b.getLong();
      if (deadline != Expiry.NEVER && now >= deadline) {
        continue;
      }
      int ownerLength = b.getShort() & 0xffff;
      String owner = new String(v, 10, ownerLength, StandardCharsets.UTF_8);
      int from = 10 + ownerLength;
      long fingerprint = v.length == from + 9 && v[from] == FINGERPRINT
          ? b.getLong(from + 1)
          : EmbeddedDedupe.fingerprint(new String(v, from, v.length - from, StandardCharsets.UTF_8));
      live.add(new Live(deadline, hash, fingerprint, owner));
    }
    live.sort(Comparator.comparingLong(Live::deadline));
    live.forEach(l -> log.append(l.deadline(), l.hash(), l.fingerprint(), l.owner()));
    // Durable already, made for entries that were: nothing to wait for. Logged, then in the map, as a commit does it.
    log.logStaged();
    log.applyLogged();
    mv.removeMap(old);
  }
}
