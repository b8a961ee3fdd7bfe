package dev.timbot.benchmarks;

import java.io.IOException;

/**
 * Shows what the bot's timer queue retains: runs {@link DispatchBench} batches for a few seconds,
 * then prints this JVM's class histogram (via {@code jcmd}) for the timer task class. With the
 * shared timer not removing cancelled tasks, every handler invocation leaves its cancelled
 * timeout watchdog queued for {@code dispatch.handlerTimeout}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.timbot.benchmarks.TimerRetention --seconds=6</pre>
 */
public final class TimerRetention {
  private TimerRetention() {}

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    long seconds = a.integer("seconds", 6);
    DispatchBench.BotState bot = new DispatchBench.BotState();
    bot.start();
    DispatchBench.SenderState sender = new DispatchBench.SenderState();
    sender.setUp(bot);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long messages = 0;
    while (System.nanoTime() < end) {
      DispatchBench.batch(bot, sender);
      messages += DispatchBench.BATCH;
    }
    System.out.println("messages handled: " + messages);
    histogram().lines()
        .filter(l -> l.contains("ScheduledFutureTask") || l.contains("num ") || l.contains("PSWMS"))
        .forEach(System.out::println);
    bot.stop();
  }

  private static String histogram() throws IOException, InterruptedException {
    Process p = new ProcessBuilder(
        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }
}
