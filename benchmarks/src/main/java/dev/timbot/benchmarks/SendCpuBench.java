package dev.timbot.benchmarks;

import dev.timbot.internal.rest.TencentImClient;
import dev.timbot.message.TextElem;
import dev.timbot.spi.ImMessages.SendMessage;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Semaphore;

/**
 * CPU per REST send, by thread CPU time rather than wall time (steadier on a shared box): {@code
 * TencentImClient.sendMessage} to a {@link ReplySink} on loopback, 64 in flight. Prints the CPU
 * and the bytes allocated by the calling thread up to OkHttp's queue — in the bot that is the
 * store's commit thread, the one that limits saturation — and the whole process's CPU per send
 * (OkHttp, the sink's Jetty and the kernel included).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.timbot.benchmarks.SendCpuBench [--sends=20000] [--rounds=12]
 * </pre>
 */
public final class SendCpuBench {
  private SendCpuBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int sends = args.integer("sends", 20_000);
    int rounds = args.integer("rounds", 12);
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long self = Thread.currentThread().getId();
    try (ReplySink sink = new ReplySink().start();
        TencentImClient im = TencentImClient.builder().sdkAppId(WrkBench.SDK_APP_ID)
            .secretKey("5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e").admin("administrator")
            .baseUrl(sink.baseUrl()).rateLimit(1_000_000).build()) {
      Semaphore inFlight = new Semaphore(64);
      for (int round = 1; round <= rounds; round++) {
        long process = os.getProcessCpuTime();
        long caller = 0;
        long allocated = 0;
        for (int i = 0; i < sends; i++) {
          inFlight.acquire();
          SendMessage m = SendMessage.builder().from(WrkBench.BOT).to("user0001")
              .add(TextElem.of("You said: hello there, message " + i)).build();
          long cpu = threads.getCurrentThreadCpuTime();
          long bytes = threads.getThreadAllocatedBytes(self);
          var reply = im.sendMessage(m);
          caller += threads.getCurrentThreadCpuTime() - cpu;
          allocated += threads.getThreadAllocatedBytes(self) - bytes;
          reply.whenComplete((r, e) -> inFlight.release());
        }
        inFlight.acquire(64);
        inFlight.release(64);
        long total = os.getProcessCpuTime() - process;
        // The first rounds are the JIT's; only the later ones say what a send costs.
        System.out.printf("round %2d: calling thread %.2f µs CPU and %d B per send; process %.1f µs CPU per send%s%n",
            round, caller / 1e3 / sends, allocated / sends, total / 1e3 / sends, round <= rounds / 2 ? " (warm-up)" : "");
      }
    }
    System.exit(0);
  }
}
