package dev.timbot.benchmarks;

import dev.timbot.emulator.LocalIm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link SutMain} child JVM seen from the harness: spawned with the emulator's settings in the
 * echo sample's environment variables, driven over stdin/stdout.
 */
public final class SutProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private volatile String callbackUrl;

  private SutProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.startsWith("SUT_")) {
            lines.add(line);
          } else {
            System.err.println("[" + name + "] " + line);
          }
        }
      } catch (IOException e) {
        // the child ended
      }
    }, "sut-" + name + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Waits for the child's ready line; spawn several first, then wait, to boot them in parallel. */
  /**
   * CPU time this process (all its threads: Java, JIT, GC) has used so far, from {@code
   * /proc/PID/stat}; -1 where there is no such file. On a shared box, CPU per reply compares bots
   * where replies per second (which depend on what else runs) do not.
   */
  public java.time.Duration cpuTime() {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + process.pid() + "/stat"));
      // Fields after the command name (which may hold spaces) start after the last ')'.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
      return java.time.Duration.ofMillis(ticks * 10); // USER_HZ is 100 on Linux
    } catch (java.io.IOException | RuntimeException e) {
      return java.time.Duration.ofMillis(-1);
    }
  }

  /**
   * What this process's threads have done so far, summed over {@code /proc/PID/task/*\/stat} and
   * {@code status}: the JIT compiler threads' CPU (is the bot still compiling, or measured warm?),
   * and the context switches, voluntary (a thread parked or blocked: a hand-off to another thread,
   * a wait for the disk) and not. Null where there is no such directory. Threads that ended
   * meanwhile are not counted, which the long-lived pools of the bots make rare.
   */
  public ThreadTotals threadTotals() {
    long compilerTicks = 0;
    long voluntary = 0;
    long involuntary = 0;
    try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/" + process.pid() + "/task"))) {
      for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) tasks::iterator) {
        try {
          String stat = java.nio.file.Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            compilerTicks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
          }
          for (String line : java.nio.file.Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
              voluntary += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
              involuntary += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
        } catch (java.io.IOException gone) {
          // the thread ended between the listing and the read
        }
      }
      return new ThreadTotals(java.time.Duration.ofMillis(compilerTicks * 10), voluntary, involuntary);
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  /** {@link #threadTotals()}: the compiler threads' CPU time and the context switches so far. */
  public record ThreadTotals(java.time.Duration compilerCpu, long voluntary, long involuntary) {}

  public SutProcess awaitReady() throws InterruptedException {
    String ready = expect("SUT_READY", 60);
    this.callbackUrl = ready.substring("SUT_READY ".length()).trim();
    return this;
  }

  /** Starts (without waiting for it) {@code mode} ({@code timbot} / {@code baseline}) as bot {@code account} against {@code im}. */
  public static SutProcess spawn(String mode, String account, LocalIm im, List<String> jvmArgs)
      throws IOException, InterruptedException {
    Map<String, String> env = new java.util.HashMap<>();
    botEnvironment(env, im, account);
    return spawn(mode, jvmArgs, env);
  }

  /** Starts {@code mode} with the echo sample's environment variables {@code env} (and the callback on loopback). */
  public static SutProcess spawn(String mode, List<String> jvmArgs, Map<String, String> botEnv) throws IOException {
    return spawn(mode, jvmArgs, botEnv, System.getProperty("java.class.path"));
  }

  /** As above, from another build's class path (e.g. the previous version's benchmarks jar). */
  public static SutProcess spawn(String mode, List<String> jvmArgs, Map<String, String> botEnv, String classPath)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(SutMain.class.getName());
    cmd.add(mode);
    return spawnCommand(mode, cmd, botEnv);
  }

  /**
   * Starts any child that speaks this protocol ({@code SUT_READY <callback URL>} on stdout, {@code
   * quit} on stdin), e.g. the Spring Boot peer's own jar, with {@code botEnv} added to its environment.
   */
  public static SutProcess spawnCommand(String name, List<String> command, Map<String, String> botEnv)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    Map<String, String> env = pb.environment();
    env.putAll(botEnv);
    env.put("CALLBACK_HOST", "127.0.0.1");
    return new SutProcess(name, pb.start());
  }

  /** The echo sample's environment variables, pointing at the emulator. */
  static void botEnvironment(Map<String, String> env, LocalIm im, String account) {
    env.put("TIM_SDKAPPID", Long.toString(im.sdkAppId()));
    env.put("TIM_SECRET_KEY", im.secretKey());
    env.put("TIM_ADMIN", im.admin());
    env.put("TIM_BASE_URL", im.baseUrl());
    env.put("BOT_ACCOUNT", account);
    env.put("CALLBACK_PORT", "0");
    // The load generator posts unsigned callbacks straight to the bot, on loopback only.
    env.put("CALLBACK_ALLOW_UNSIGNED", "true");
    // A fresh journal per bot: the default ./data/timbot would grow from run to run.
    try {
      env.put("TIMBOT_STORE", "file:" + java.nio.file.Files.createTempDirectory("timbot-e2e-store"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  public String name() {
    return name;
  }

  public String callbackUrl() {
    return callbackUrl;
  }

  public void resetHeapPeak() throws IOException {
    send("reset");
  }

  /** Peak and mean used heap since the last reset, then the live heap after full GCs. */
  public HeapStats heapStats() throws IOException, InterruptedException {
    send("stats");
    String line = expect("SUT_STATS", 30);
    Map<String, Long> v = new java.util.HashMap<>();
    for (String part : line.substring("SUT_STATS ".length()).trim().split(" ")) {
      String[] kv = part.split("=");
      v.put(kv[0], Long.parseLong(kv[1]));
    }
    return new HeapStats(v.get("peak"), v.get("mean"), v.get("live"), v.get("committed"));
  }

  /** Heap figures of a child, in bytes. */
  public record HeapStats(long peak, long mean, long live, long committed) {}

  private void send(String command) throws IOException {
    stdin.write(command + "\n");
    stdin.flush();
  }

  private String expect(String prefix, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new IllegalStateException(name + ": no " + prefix + " within " + seconds + " s (alive: "
            + process.isAlive() + ")");
      }
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  /** Asks the child to stop; {@link #close()} then waits for it. */
  public void requestQuit() {
    try {
      send("quit");
    } catch (IOException e) {
      process.destroy();
    }
  }

  @Override
  public void close() {
    try {
      requestQuit();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
    }
  }
}
