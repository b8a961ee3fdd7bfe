package dev.timbot.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A sample bot in its own JVM (the echo sample unless told otherwise), configured through its
 * environment variables, with its store at {@code storeUrl} and its output appended to {@code log}.
 * The suite kills it with SIGKILL ({@link #kill9()}) or stops it with SIGTERM ({@link #terminate()}),
 * then starts a new one on the same port and store.
 */
public final class BotProcess implements AutoCloseable {
  static final String LOGGING = "logback.configurationFile";

  private final Process process;
  private final Path log;
  private final long logOffset;
  private final String ready;

  private BotProcess(Process process, Path log, long logOffset, String ready) {
    this.process = process;
    this.log = log;
    this.logOffset = logOffset;
    this.ready = ready;
  }

  /**
   * Which program the JVM runs: its main class, its arguments, and what it prints once its
   * callback URL is open.
   */
  public record Program(String mainClass, List<String> args, String readyMarker) {
    /** The echo sample, configured from the environment only (its YAML argument names no file). */
    public static Program echo(Path workDir) {
      return new Program("dev.timbot.samples.echo.EchoBot", List.of(workDir.resolve("no-such-bot.yaml").toString()),
          "echo bot ready as");
    }
  }

  /** Settings of the bot JVM; {@code extraEnv} adds to (or overrides) the variables built from the rest. */
  public record Settings(long sdkAppId, String secretKey, String admin, String restBaseUrl, String account,
      int callbackPort, String callbackToken, String storeUrl, Path log, List<String> jvmArgs, Program program,
      Map<String, String> extraEnv) {
    /** The echo sample with nothing extra. */
    public Settings(long sdkAppId, String secretKey, String admin, String restBaseUrl, String account,
        int callbackPort, String callbackToken, String storeUrl, Path log, List<String> jvmArgs) {
      this(sdkAppId, secretKey, admin, restBaseUrl, account, callbackPort, callbackToken, storeUrl, log, jvmArgs,
          Program.echo(log.getParent()), Map.of());
    }
  }

  public static BotProcess start(Settings s) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-D" + LOGGING + "=reliability-logback.xml"); // several samples' logback.xml are on the class path
    cmd.addAll(s.jvmArgs());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(s.program().mainClass());
    cmd.addAll(s.program().args());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(s.log().toFile()));
    Map<String, String> env = pb.environment();
    env.put("TIM_SDKAPPID", Long.toString(s.sdkAppId()));
    env.put("TIM_SECRET_KEY", s.secretKey());
    env.put("TIM_ADMIN", s.admin());
    env.put("TIM_BASE_URL", s.restBaseUrl());
    env.put("BOT_ACCOUNT", s.account());
    env.put("CALLBACK_HOST", "127.0.0.1");
    env.put("CALLBACK_PORT", Integer.toString(s.callbackPort()));
    env.put("CALLBACK_TOKEN", s.callbackToken());
    env.put("TIMBOT_STORE", s.storeUrl());
    env.putAll(s.extraEnv());
    long offset = Files.exists(s.log()) ? Files.size(s.log()) : 0;
    Process p = pb.start();
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly)); // never outlive the harness
    return new BotProcess(p, s.log(), offset, s.program().readyMarker());
  }

  /** Waits until the bot printed that it is ready (its receiver is listening then). */
  public BotProcess awaitReady(long seconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the bot exited with " + process.exitValue() + "; see " + log);
      }
      String out = Files.readString(log);
      if (out.length() > logOffset && out.substring((int) Math.min(logOffset, out.length())).contains(ready)) {
        return this;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the bot was not ready within " + seconds + " s; see " + log);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Used heap of the bot JVM in bytes, from {@code jcmd <pid> GC.heap_info}; after a full GC first
   * when {@code afterGc} (the live heap).
   */
  public long heapUsed(boolean afterGc) throws IOException, InterruptedException {
    if (afterGc) {
      jcmd("GC.run");
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(jcmd("GC.heap_info"));
    return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
  }

  /** The top of {@code jcmd <pid> GC.class_histogram} (what holds the heap). */
  public String histogram(int lines) throws IOException, InterruptedException {
    return String.join("\n", jcmd("GC.class_histogram").lines().limit(lines + 3).toList());
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(process.pid()), command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  /** SIGKILL: no shutdown hook, no flush — what a crash or an OOM killer does. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: the sample's shutdown hook stops the bot (drain within dispatch.stopTimeout). */
  public boolean terminate(long seconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      return false;
    }
    return true;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      terminate(20);
    }
  }
}
