package dev.timbot.internal.store;

import java.util.Locale;

/**
 * When the embedded store forces what it wrote to the disk: {@code store.url: file:DIR?fsync=...}.
 * A commit is written to the file before anyone waiting for it goes on, in both modes, so a killed
 * process (kill -9, an out-of-memory kill) loses nothing: the operating system holds the written
 * pages. The modes differ on a power cut or a kernel crash, as Redis's {@code appendfsync} and
 * PostgreSQL's {@code synchronous_commit} do.
 */
enum Fsync {
  /**
   * Every commit is forced to the disk before a callback it holds is acknowledged or a reply it
   * records is sent: nothing acknowledged is lost even by a power cut. Each acknowledgement waits
   * for the disk's fsync (1.7–4 ms median, 5–8 ms at p99 on the benchmark box, BENCHMARKS §8o).
   */
  ALWAYS("always"),
  /**
   * Commits are written at once and forced to the disk about once a second, by a thread of their
   * own: acknowledgements and sends wait for the write only. A power cut or kernel crash may lose
   * the last second of acknowledged callbacks and send again the replies recorded in it.
   */
  EVERYSEC("everysec");

  /** How often {@link #EVERYSEC} forces the file to disk. */
  static final long EVERYSEC_MILLIS = 1000;

  private final String name;

  Fsync(String name) {
    this.name = name;
  }

  /** The value of {@code fsync=} in {@code store.url}. */
  static Fsync parse(String value) {
    for (Fsync f : values()) {
      if (f.name.equals(value.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("store.url: fsync=" + value + " is not a mode; use fsync=always (the default:"
        + " every commit on disk before its callbacks are acknowledged) or fsync=everysec (written at once, on disk"
        + " within a second: a power cut may lose the last second)");
  }

  @Override
  public String toString() {
    return name;
  }
}
