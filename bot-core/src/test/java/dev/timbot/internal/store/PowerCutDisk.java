package dev.timbot.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.h2.store.fs.FilePath;

/**
 * A model of a disk under one store directory, for power cuts. Every file the store opens through
 * it ({@link RedoLog.Disk}: the log's segments and directories; MVStore's file through {@link
 * PowerCutFilePath}) is written through to the real file, and the model keeps, per file, what its
 * last force left on the disk and which 4 KiB pages were written since; per directory, the names its
 * last force made durable. Forces are not passed on to the real disk: the model is the disk.
 *
 * <p>At the cut — the {@code cutAt}-th event (write, truncate, force, create) that {@link Cut}
 * counts, or {@link #cutNow()} — it builds the crash image in a directory of its own: every file as
 * forced, plus a seeded random choice of its pages written since (each kept, lost, or torn after a
 * random number of 512-byte sectors) and its length as forced or as written; a file created, or
 * deleted, since its directory was last forced is there or not at random. The store goes on
 * running; the test then opens the image. Everything is under one lock, so the cut is one instant
 * for every thread.
 */
final class PowerCutDisk implements RedoLog.Disk {
  static final int PAGE = 4096;
  static final int SECTOR = 512;
  private static final Map<Path, PowerCutDisk> DISKS = new ConcurrentHashMap<>();

  /** What counts towards the cut. */
  enum Cut {
    /** Any event, on any thread. */
    ANY,
    /** Events of the checkpoint thread only: the cut falls inside a checkpoint. */
    IN_CHECKPOINT,
    /** The checkpoint's forces of MVStore's file only, the image taken just before it: a checkpoint written, not yet forced. */
    BEFORE_CHECKPOINT_SYNC,
    /** The checkpoint's forces of MVStore's file only, the image taken just after it: a checkpoint just made durable. */
    AFTER_CHECKPOINT_SYNC
  }

  private final Path root;
  private final Path image;
  private final SplittableRandom random;
  private final Cut counted;
  private final long cutAt;
  /**
   * Whether MVStore's file gets its writes since a force to the disk in order (a prefix of them, the
   * last maybe torn) rather than page by page in any order: MVStore takes a chunk whose header and
   * footer are on the disk as whole, which holds only then (RELIABILITY.md, "Power cuts").
   */
  private final boolean mvStoreInOrder;
  private final Map<Path, Tracked> files = new LinkedHashMap<>();
  private final Map<Path, Set<String>> durableNames = new HashMap<>();
  private long events;
  private volatile boolean cut;
  private String cutOn = "";
  /** What the cut kept and lost, file by file (for a failure's message). */
  private final StringBuilder trace = new StringBuilder();

  /** A write's bytes, or a truncation to {@code at} ({@code data} null). */
  private record Write(int at, byte[] data) {}

  /** One file: what the last force left, and what was written since. */
  private static final class Tracked {
    byte[] durable;
    byte[] current;
    int length;
    final BitSet unforced = new BitSet();
    /** Its writes since the last force, in order (a truncation as a null), when they reach the disk in order. */
    final List<Write> inOrder;

    Tracked(byte[] content, boolean inOrder) {
      this.inOrder = inOrder ? new ArrayList<>() : null;
      durable = content;
      current = content.clone();
      length = content.length;
    }
  }

  private PowerCutDisk(Path root, Path image, long seed, Cut counted, long cutAt, boolean mvStoreInOrder) {
    this.mvStoreInOrder = mvStoreInOrder;
    this.root = root.toAbsolutePath().normalize();
    this.image = image;
    this.random = new SplittableRandom(seed);
    this.counted = counted;
    this.cutAt = cutAt;
    durableNames.put(this.root, names(this.root));
  }

  /** A disk for the store directory {@code root} (created, empty), cutting into {@code image}. */
  static PowerCutDisk under(Path root, Path image, long seed, Cut counted, long cutAt, boolean mvStoreInOrder)
      throws IOException {
    Files.createDirectories(root);
    FilePath.register(new PowerCutFilePath()); // idempotent: by scheme
    PowerCutDisk disk = new PowerCutDisk(root, image, seed, counted, cutAt, mvStoreInOrder);
    DISKS.put(disk.root, disk);
    return disk;
  }

  /** The disk a file of MVStore's is on. */
  static PowerCutDisk of(Path file) {
    for (Path p = file.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      PowerCutDisk disk = DISKS.get(p);
      if (disk != null) {
        return disk;
      }
    }
    throw new IllegalStateException("no power-cut disk under " + file);
  }

  /** Forgets this disk (the test is over). */
  void detach() {
    DISKS.remove(root, this);
  }

  @Override
  public String mvStoreFileName(Path file) {
    return PowerCutFilePath.SCHEME + ":" + file;
  }

  @Override
  public synchronized FileChannel open(Path file, OpenOption... options) throws IOException {
    Path p = file.toAbsolutePath().normalize();
    if (Files.isDirectory(p)) {
      return new PowerCutChannel(this, p, FileChannel.open(p, StandardOpenOption.READ), true);
    }
    boolean existed = Files.exists(p);
    FileChannel real = FileChannel.open(p, options);
    if (!existed || !files.containsKey(p)) {
      event(Cut.ANY, p);
      files.put(p, new Tracked(existed ? Files.readAllBytes(p) : new byte[0], mvStoreInOrder && isMvStoreFile(p)));
    }
    return new PowerCutChannel(this, p, real, false);
  }

  /** Writes {@code src} to {@code real} at {@code position} (or its own position, if negative), as the disk's cache holds it. */
  synchronized int write(Path file, FileChannel real, ByteBuffer src, long position) throws IOException {
    event(Cut.ANY, file);
    long at = position < 0 ? real.position() : position;
    ByteBuffer copy = src.duplicate();
    int n = position < 0 ? real.write(src) : real.write(src, position);
    Tracked t = files.get(file);
    int end = Math.toIntExact(at + n);
    if (end > t.current.length) {
      t.current = Arrays.copyOf(t.current, Math.max(end, t.current.length * 2));
    }
    copy.get(t.current, (int) at, n);
    t.length = Math.max(t.length, end);
    if (n > 0) {
      t.unforced.set((int) (at / PAGE), (end - 1) / PAGE + 1);
      if (t.inOrder != null) {
        t.inOrder.add(new Write((int) at, Arrays.copyOfRange(t.current, (int) at, end)));
      }
    }
    return n;
  }

  synchronized void truncate(Path file, FileChannel real, long size) throws IOException {
    event(Cut.ANY, file);
    real.truncate(size);
    Tracked t = files.get(file);
    if (size < t.length) {
      Arrays.fill(t.current, (int) size, t.length, (byte) 0);
      t.length = (int) size;
      t.unforced.set((int) (size / PAGE));
      if (t.inOrder != null) {
        t.inOrder.add(new Write((int) size, null));
      }
    }
  }

  /** fdatasync: the file's pages and length as written are on the disk. */
  synchronized void force(Path file) {
    Tracked t = files.get(file);
    boolean checkpointSync = isMvStoreFile(file) && inCheckpoint();
    event(checkpointSync ? Cut.BEFORE_CHECKPOINT_SYNC : Cut.ANY, file);
    t.durable = Arrays.copyOf(t.current, t.length);
    t.unforced.clear();
    if (t.inOrder != null) {
      t.inOrder.clear();
    }
    if (checkpointSync) {
      event(Cut.AFTER_CHECKPOINT_SYNC, file);
    }
  }

  /** fsync of a directory: the names in it now are on the disk. */
  synchronized void forceDirectory(Path dir) {
    event(Cut.ANY, dir);
    durableNames.put(dir, names(dir));
  }

  /** Whether the image was taken. */
  boolean isCut() {
    return cut;
  }

  /** What the cut kept: per file, its forced, written and kept lengths, and each unforced page kept (+), lost (-) or torn (~bytes). */
  synchronized String trace() {
    return trace.toString();
  }

  /** The thread the cut fell on. */
  synchronized String cutOn() {
    return cutOn;
  }

  /** Takes the image now, unless it was taken. */
  synchronized void cutNow() {
    if (!cut) {
      takeImage();
    }
  }

  private void event(Cut kind, Path file) {
    boolean counts = switch (counted) {
      case ANY -> kind == Cut.ANY || kind == Cut.BEFORE_CHECKPOINT_SYNC;
      case IN_CHECKPOINT -> (kind == Cut.ANY || kind == Cut.BEFORE_CHECKPOINT_SYNC) && inCheckpoint();
      case BEFORE_CHECKPOINT_SYNC, AFTER_CHECKPOINT_SYNC -> kind == counted;
    };
    if (counts && ++events == cutAt && !cut) {
      takeImage();
    }
  }

  private static boolean isMvStoreFile(Path file) {
    return file.getFileName().toString().equals(EmbeddedStore.FILE_NAME);
  }

  private static boolean inCheckpoint() {
    return Thread.currentThread().getName().startsWith("timbot-store-checkpoint");
  }

  private void takeImage() {
    cut = true;
    cutOn = Thread.currentThread().getName();
    try {
      Files.createDirectories(image);
      Map<Path, Boolean> dirs = new HashMap<>();
      for (Map.Entry<Path, Tracked> e : files.entrySet()) {
        Path file = e.getKey();
        Path dir = file.getParent();
        boolean dirThere = dirs.computeIfAbsent(dir, d -> survives(d.getParent(), d, Files.isDirectory(d)));
        trace.append(root.relativize(file)).append(": ");
        if (!dirThere || !survives(dir, file, Files.exists(file))) {
          trace.append("gone (exists now: ").append(Files.exists(file)).append(")\n");
          continue;
        }
        Path to = image.resolve(root.relativize(file));
        Files.createDirectories(to.getParent());
        Files.write(to, afterCut(e.getValue()));
        trace.append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code entry} of {@code dir} is there after the cut: as its directory's last force left it, or either way if it changed since. */
  private boolean survives(Path dir, Path entry, boolean existsNow) {
    if (entry.equals(root)) {
      return true;
    }
    boolean named = durableNames.getOrDefault(dir, Set.of()).contains(entry.getFileName().toString());
    return named == existsNow ? existsNow : random.nextBoolean();
  }

  /** The file's bytes after the cut: as forced, plus some of the pages written since, whole or torn. */
  private byte[] afterCut(Tracked t) {
    if (t.inOrder != null) {
      return inOrderAfterCut(t);
    }
    int length = t.length == t.durable.length || random.nextBoolean() ? t.length : t.durable.length;
    trace.append("forced ").append(t.durable.length).append(" written ").append(t.length).append(" kept ").append(length)
        .append(" unforced pages");
    byte[] out = Arrays.copyOf(t.durable, length);
    for (int page = t.unforced.nextSetBit(0); page >= 0 && (long) page * PAGE < length; page = t.unforced.nextSetBit(page + 1)) {
      int from = page * PAGE;
      int to = Math.min(from + PAGE, Math.min(length, t.length));
      int kept = random.nextInt(3);
      trace.append(' ').append(page).append(kept == 0 ? "-" : kept == 1 ? "+" : "~");
      switch (kept) {
        case 0 -> { } // lost: the page as forced
        case 1 -> System.arraycopy(t.current, from, out, from, Math.max(0, to - from));
        default -> {
          int torn = Math.min(to, from + SECTOR * (1 + random.nextInt(PAGE / SECTOR - 1)));
          trace.append(torn - from);
          System.arraycopy(t.current, from, out, from, Math.max(0, torn - from));
        }
      }
    }
    return out;
  }

  /** The file's bytes after the cut when its writes reach the disk in order: as forced, plus the first few writes since, the last maybe torn. */
  private byte[] inOrderAfterCut(Tracked t) {
    int kept = random.nextInt(t.inOrder.size() + 1);
    trace.append("forced ").append(t.durable.length).append(" written ").append(t.length).append(" kept ").append(kept)
        .append(" of ").append(t.inOrder.size()).append(" writes in order");
    byte[] out = t.durable;
    for (int w = 0; w < t.inOrder.size() && w <= kept; w++) {
      Write write = t.inOrder.get(w);
      if (write.data() == null) {
        out = w < kept ? Arrays.copyOf(out, Math.min(out.length, write.at())) : out;
        continue;
      }
      int n = w < kept ? write.data().length : random.nextBoolean() ? 0
          : Math.min(write.data().length, SECTOR * (1 + random.nextInt(Math.max(1, write.data().length / SECTOR))));
      if (w == kept && n > 0) {
        trace.append(", then ").append(n).append(" of ").append(write.data().length).append(" bytes");
      }
      if (write.at() + n > out.length) {
        out = Arrays.copyOf(out, write.at() + n);
      } else if (out == t.durable) {
        out = out.clone();
      }
      System.arraycopy(write.data(), 0, out, write.at(), n);
    }
    return out;
  }

  private static Set<String> names(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(HashSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
