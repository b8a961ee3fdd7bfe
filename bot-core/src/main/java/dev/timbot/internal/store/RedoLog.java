package dev.timbot.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The embedded store's write-ahead log: every change to a map is appended here as a record, and a
 * group commit writes what was appended and forces it to the disk with one {@code fdatasync}.
 * MVStore holds the same changes in memory and writes them to its file only at a checkpoint, about
 * once a second ({@link EmbeddedStore}); at open, the records written since the last checkpoint
 * are applied again.
 *
 * <p>Why: an MVStore commit costs its thread ≈ 80 µs whatever it holds (a new chunk, its metadata,
 * the layout pages that point at it, BENCHMARKS §8r), and at moderate rates the bot committed about
 * once per message. Appending a few hundred bytes to a file and forcing it costs a fraction of
 * that, and a callback's journal entry, finished within milliseconds, never reaches MVStore's file
 * at all once a checkpoint finds it gone.
 *
 * <p><b>Files.</b> {@code DIR/redo/<segment>.log}, one segment per checkpoint interval, numbered
 * upwards. A record: length (4) | CRC-32C of the body (4) | body ({@link RedoRecord}). A torn or
 * half-written record (a crash in the middle of a write) ends the log at replay: its write was
 * never confirmed to anyone, nor was anything after it. A segment left for the next one ends with
 * a trailer record ({@link #END}); a segment that lacks it ends the log too, whatever later segments
 * hold. Under fsync=everysec a power cut may keep a later segment's pages and lose an earlier one's
 * (PowerCutTest): without the trailer, replay would go on past the hole and rebuild a state the store
 * never passed through. Under fsync=always nothing is lost by stopping there: every force also forces
 * the segment switched away from, trailer included, until the checkpoint retired it.
 *
 * <p><b>Filled with zeros ahead.</b> A segment is created with room for about one and a half times what
 * the last one took, written as zeros and forced before it is switched to (up to {@link
 * #PREALLOCATE_MAX}; past that it grows). An {@code fdatasync} of an append that grows the file must also
 * commit the file system's journal for the new length and blocks: on this box it slept three times
 * per force instead of two, and took 89–126 µs instead of 56–79 (`LogForceCost`, BENCHMARKS §8v). A zero length ends
 * a segment at replay, as it ended a torn one before.
 *
 * <p>Appends come from any thread, under this object's lock (a change encoded into a buffer, and its
 * CRC); writing, forcing and switching segments happen on the commit thread, forcing also on {@link
 * IntervalFsync}'s thread, creating and retiring segments on the checkpoint's.
 */
final class RedoLog implements AutoCloseable {
  private static final String SUFFIX = ".log";
  static final int HEADER = 8;
  /** The body of a segment's trailer: no {@link RedoRecord} op is 0. */
  static final byte[] END = {0};
  /** The most a new segment is filled with zeros ahead ("Filled with zeros ahead"). */
  static final long PREALLOCATE_MAX = 8 << 20;
  /** The least, and what a segment gets when the last one took next to nothing. */
  static final long PREALLOCATE_MIN = 256 << 10;
  private static final byte[] ZEROS = new byte[64 << 10];

  /**
   * How the store opens its files and directories: the platform's {@link FileChannel#open} (always,
   * in the bot). It exists only so that a test can put a model of a disk under the store — one that
   * forgets, at a power cut, what was written but not forced (PowerCutDisk); nothing else uses it.
   */
  interface Disk {
    Disk PLATFORM = FileChannel::open;

    FileChannel open(Path file, OpenOption... options) throws IOException;

    /** The name MVStore opens its file by, through H2's {@code FilePath} (which a test may wrap in a scheme of its own). */
    default String mvStoreFileName(Path file) {
      return file.toString();
    }
  }

  private final Path dir;
  private final Disk disk;
  /** Whether new segments are filled with zeros ahead (the store's; tests of the file's bytes turn it off). */
  private final boolean preallocate;
  /** Bytes written to the current segment (by the commit thread; read when the next one is created). */
  private volatile long segmentBytes;
  /** Guards {@link #channel} and {@link #retired} while {@link #switchToPrepared} replaces them, for {@link #force}. */
  private final Object channelLock = new Object();
  private FileChannel channel;
  /** Changed only by {@link #switchToPrepared}. */
  private volatile long segment;
  /** The next segment, created ahead of {@link #switchToPrepared}. */
  private volatile FileChannel prepared;
  /** The segment last switched away from, until {@link #closeRetired}. */
  private volatile FileChannel retired;
  private byte[] buffer = new byte[1 << 16];
  /** A view of {@link #buffer} that {@link #append} writes through. */
  private ByteBuffer view = ByteBuffer.wrap(buffer);
  private int length;
  /** The other buffer: written to the file while appends fill {@link #buffer}. */
  private byte[] spare = new byte[1 << 16];
  private boolean closed;
  /** Whether a record was appended since the last switch of segments (or the open). */
  private boolean appended;

  private RedoLog(Path dir, Disk disk, boolean preallocate, long segment) {
    this.dir = dir;
    this.disk = disk;
    this.preallocate = preallocate;
    this.segment = segment;
    this.channel = create(segment);
  }

  /** Opens a new segment after every existing one in {@code dir} (created if missing); segments not filled ahead (tests). */
  static RedoLog open(Path dir) {
    return open(dir, Disk.PLATFORM, false);
  }

  /** @param preallocate whether new segments are filled with zeros ahead ("Filled with zeros ahead") */
  static RedoLog open(Path dir, Disk disk, boolean preallocate) {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        forceDirectory(disk, dir.toAbsolutePath().getParent()); // the new directory's name, before a segment's
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the store's log directory " + dir + ": " + e.getMessage(), e);
    }
    List<Long> existing = segments(dir);
    return new RedoLog(dir, disk, preallocate, existing.isEmpty() ? 1 : existing.get(existing.size() - 1) + 1);
  }

  /** The segment appends go to now. */
  long segment() {
    return segment;
  }

  /** The CRC-32C a record's header holds for {@code body}. */
  private static int checksum(byte[] body) {
    return checksum(body, 0, body.length);
  }

  /** The CRC-32C of {@code length} bytes of {@code bytes} from {@code offset} (a record's body, as replay reads it). */
  static int checksum(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  /** A record as it is on disk: length, CRC-32C, body. */
  private static ByteBuffer record(byte[] body) {
    return ByteBuffer.allocate(HEADER + body.length).putInt(body.length).putInt(checksum(body)).put(body).flip();
  }

  /**
   * Appends one change; it is written with the next {@link #write}. Encoded straight into the buffer:
   * every change on a message's path would otherwise be encoded into an array of its own and copied
   * again here (issue 15).
   */
  void append(byte[] map, Object key, boolean put, Object value) {
    synchronized (this) {
      if (closed) {
        return; // a write after the store stopped is never durable (EmbeddedStore.close)
      }
      int size = RedoRecord.size(map, key, put, value);
      int need = length + HEADER + size;
      if (need > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(need, buffer.length * 2));
      }
      if (view.array() != buffer) {
        view = ByteBuffer.wrap(buffer); // swapped by write() or grown: once a commit, not once a change
      }
      int at = length + HEADER;
      view.clear().position(at).limit(at + size);
      RedoRecord.write(view, map, key, put, value);
      if (view.hasRemaining()) {
        // Bytes of an earlier write would be kept under a valid CRC: a size computed wrong must not reach the disk.
        throw new IllegalStateException("a store log record wrote " + (size - view.remaining()) + " of its " + size
            + " bytes");
      }
      view.putInt(at - HEADER, size).putInt(at - HEADER + 4, checksum(buffer, at, size));
      length = need;
      appended = true;
    }
  }

  /** Whether records were appended since the last {@link #write}. */
  synchronized boolean hasPending() {
    return length > 0;
  }

  /** Whether a record was appended since the last switch of segments: a checkpoint has something to hold. */
  synchronized boolean appendedSinceSwitch() {
    return appended;
  }

  /** Writes what was appended to the current segment (the OS holds it: a killed process loses nothing). */
  void write() {
    byte[] out;
    int n;
    synchronized (this) {
      if (length == 0 || closed) {
        return;
      }
      out = buffer;
      n = length;
      buffer = spare.length >= out.length ? spare : new byte[out.length];
      spare = out;
      length = 0;
    }
    ByteBuffer b = ByteBuffer.wrap(out, 0, n);
    try {
      FileChannel c = channel; // the commit thread's own: only it switches segments
      while (b.hasRemaining()) {
        c.write(b);
      }
      segmentBytes += n;
    } catch (IOException e) {
      throw new UncheckedIOException("writing the store's log " + file(segment) + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Forces what was written to the disk (data only: the file's length too, as fdatasync does) — the
   * segment switched away from too, until the checkpoint retired it, so a forced record never
   * follows an unforced one. Outside any lock: the commit thread goes on writing meanwhile (under
   * fsync=everysec this runs on {@link IntervalFsync}'s thread).
   */
  void force() {
    FileChannel current;
    FileChannel old;
    synchronized (channelLock) {
      current = channel;
      old = retired;
    }
    force(old);
    force(current);
  }

  private static void force(FileChannel c) {
    if (c == null) {
      return;
    }
    try {
      c.force(false);
    } catch (ClosedChannelException e) {
      // retired and closed meanwhile (forced first), or the log closed: nothing of it is waited for any more
    } catch (IOException e) {
      throw new UncheckedIOException("forcing the store's log to disk failed: " + e.getMessage(), e);
    }
  }

  /**
   * Creates the next segment (its name made durable in the directory) for {@link #switchToPrepared};
   * off the commit thread, since creating a file and forcing its directory take milliseconds.
   */
  void prepareNext() {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the store's log is closed");
      }
    }
    if (prepared == null) {
      FileChannel next = create(segment + 1);
      synchronized (this) {
        if (closed) { // halted while it was filled: not left open
          try {
            next.close();
          } catch (IOException e) {
            // nothing is written to it either way
          }
          throw new IllegalStateException("the store's log is closed");
        }
        prepared = next;
      }
    }
  }

  /**
   * Sends what is written from now on to the prepared segment, and returns its number. Records
   * still buffered go there too; every record in a segment below it was written before this call.
   * On the commit thread, between two commits: a commit's write and its force then reach the same
   * segment. The segment left is forced and closed by {@link #closeRetired}.
   */
  long switchToPrepared() {
    if (prepared == null) {
      throw new IllegalStateException("no log segment prepared");
    }
    synchronized (this) {
      appended = false; // set again by anything appended from here on, whichever segment it goes to
    }
    try {
      ByteBuffer trailer = record(END);
      while (trailer.hasRemaining()) {
        channel.write(trailer); // forced before anything of the next segment is: force() forces the retired one first
      }
    } catch (IOException e) {
      throw new UncheckedIOException("ending the store's log segment " + file(segment) + " failed: " + e.getMessage(), e);
    }
    synchronized (channelLock) {
      retired = channel;
      channel = prepared;
      prepared = null;
      segment = segment + 1;
    }
    segmentBytes = 0;
    return segment;
  }

  /** Forces and closes the segment {@link #switchToPrepared} left (under fsync=everysec it may not be forced yet). */
  void closeRetired() {
    FileChannel old = retired;
    if (old == null) {
      return;
    }
    try {
      old.force(false);
      synchronized (channelLock) {
        retired = null;
      }
      old.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the store's log segment failed: " + e.getMessage(), e);
    }
  }

  /** {@link #prepareNext}, {@link #switchToPrepared} and {@link #closeRetired} in one go (at open, and tests). */
  long rotate() {
    prepareNext();
    long next = switchToPrepared();
    closeRetired();
    return next;
  }

  /** Deletes the segments below {@code segment}: a durable checkpoint holds what they recorded. */
  void deleteBefore(long segment) {
    for (long s : segments(dir)) {
      if (s < segment) {
        try {
          Files.deleteIfExists(file(s));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot delete the store's log segment " + file(s) + ": " + e.getMessage(), e);
        }
      }
    }
  }

  /** Stops the log without writing what is still buffered (a halted or closed store writes nothing more). */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      length = 0;
    }
    synchronized (channelLock) {
      for (FileChannel c : new FileChannel[] {channel, prepared, retired}) {
        try {
          if (c != null) {
            c.close();
          }
        } catch (IOException e) {
          // nothing more is written to it either way
        }
      }
    }
  }

  private FileChannel create(long s) {
    try {
      FileChannel c = disk.open(file(s), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        if (preallocate) {
          // A full disk now fails here, at the checkpoint, rather than at a commit: the store stops before
          // anything more is acknowledged (Checkpointer).
          fillWithZeros(c, preallocation(segmentBytes));
          c.force(false); // its blocks and length on the disk: a later force of an append then writes data only
        }
        // The new file's name must survive a power cut before a flush counts on what goes into it.
        forceDirectory(disk, dir);
      } catch (IOException | RuntimeException e) {
        try {
          c.close(); // its zeros, if any, are no records at replay
        } catch (IOException closing) {
          e.addSuppressed(closing); // the fill's or the force's failure is the one to report
        }
        throw e;
      }
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the store's log segment " + file(s) + ": " + e.getMessage(), e);
    }
  }

  /** How many bytes of zeros a segment following one that took {@code lastBytes} is given. */
  static long preallocation(long lastBytes) {
    long wanted = lastBytes + lastBytes / 2;
    long rounded = (wanted + ZEROS.length - 1) / ZEROS.length * ZEROS.length;
    return Math.max(PREALLOCATE_MIN, Math.min(PREALLOCATE_MAX, rounded));
  }

  /** Writes {@code bytes} zeros from the start of {@code c}, leaving its position at the start (appends overwrite them). */
  private static void fillWithZeros(FileChannel c, long bytes) throws IOException {
    ByteBuffer zeros = ByteBuffer.wrap(ZEROS);
    for (long at = 0; at < bytes; ) {
      zeros.clear().limit((int) Math.min(ZEROS.length, bytes - at));
      at += c.write(zeros, at);
    }
  }

  private static void forceDirectory(Disk disk, Path d) throws IOException {
    try (FileChannel c = disk.open(d, StandardOpenOption.READ)) {
      c.force(true);
    }
  }

  private Path file(long s) {
    return dir.resolve(name(s));
  }

  static String name(long s) {
    return String.format("%020d%s", s, SUFFIX);
  }

  /** The segment numbers in {@code dir}, ascending. */
  static List<Long> segments(Path dir) {
    List<Long> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path p : files) {
        String n = p.getFileName().toString();
        try {
          out.add(Long.parseLong(n.substring(0, n.length() - SUFFIX.length())));
        } catch (NumberFormatException e) {
          // not a segment of ours
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the store's log directory " + dir + ": " + e.getMessage(), e);
    }
    out.sort(null);
    return out;
  }
}
