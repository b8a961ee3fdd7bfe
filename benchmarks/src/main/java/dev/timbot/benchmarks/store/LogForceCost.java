package dev.timbot.benchmarks.store;

import dev.timbot.benchmarks.Args;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What one forced append to the store's log costs on this disk, with the file growing at every
 * append (segments as they were created before issue 15's §8v) and with the file filled with zeros
 * ahead ({@code RedoLog}, "Filled with zeros ahead"): wall time and thread CPU per append, the
 * thread's voluntary context switches per append (each a sleep in the kernel), and the whole box's
 * busy time per append (the file system's journal thread included). {@code --records} appends of
 * {@code --bytes} each, written and forced one at a time; the two kinds alternate, {@code --rounds}
 * times.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.timbot.benchmarks.store.LogForceCost --dir=/tmp/force --records=3000
 * </pre>
 */
public final class LogForceCost {
  private LogForceCost() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    Path dir = Path.of(args.string("dir", "/tmp/timbot-log-force"));
    int records = args.integer("records", 3000);
    int bytes = args.integer("bytes", 600);
    int rounds = args.integer("rounds", 3);
    Files.createDirectories(dir);
    for (int round = 1; round <= rounds; round++) {
      for (boolean filled : new boolean[] {false, true}) {
        Path file = dir.resolve((filled ? "filled-" : "growing-") + round + ".log");
        Files.deleteIfExists(file);
        try {
          System.out.println(measure(file, filled, records, bytes, round));
        } finally {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private static String measure(Path file, boolean filled, int records, int bytes, int round) throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (FileChannel log = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      if (filled) {
        ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
        long size = (long) records * bytes + zeros.capacity();
        for (long at = 0; at < size; at += zeros.capacity()) {
          log.write(zeros.clear(), at);
        }
        log.force(false);
      }
      ByteBuffer record = ByteBuffer.allocate(bytes);
      long switches = voluntarySwitches();
      long busy = boxBusyTicks();
      long cpu = threads.getCurrentThreadCpuTime();
      long wall = System.nanoTime();
      for (int i = 0; i < records; i++) {
        log.write(record.clear(), (long) i * bytes);
        log.force(false);
      }
      double n = records;
      return String.format("round %d %-8s wall %5.1f µs, thread CPU %5.1f µs, voluntary switches %4.2f, box busy %5.1f µs"
              + " per forced append", round, filled ? "filled" : "growing", (System.nanoTime() - wall) / 1e3 / n,
          (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / n, (voluntarySwitches() - switches) / n,
          (boxBusyTicks() - busy) * 10_000 / n);
    }
  }

  /** This thread's voluntary context switches so far (Linux). */
  private static long voluntarySwitches() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
      if (line.startsWith("voluntary_ctxt_switches")) {
        return Long.parseLong(line.split("\\s+")[1]);
      }
    }
    return 0;
  }

  /** Clock ticks (10 ms) every CPU of the box spent neither idle nor waiting for I/O (Linux). */
  private static long boxBusyTicks() throws IOException {
    String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).split("\\s+");
    long busy = 0;
    for (int i = 1; i <= 8; i++) {
      if (i != 4 && i != 5) {
        busy += Long.parseLong(cpu[i]);
      }
    }
    return busy;
  }
}
