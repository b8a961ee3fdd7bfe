package dev.timbot.benchmarks;

import dev.timbot.emulator.LocalIm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up of the echo sample: from spawning {@code java -jar timbot-echo.jar} to its {@code
 * SDK_READY} line ("echo bot ready as …"), against an emulator already running in this JVM. The
 * sample is configured only by the documented environment variables ({@code TIM_*}, {@code
 * BOT_ACCOUNT}, {@code CALLBACK_PORT=0}) and runs in an empty temporary directory. The clock
 * starts just before {@code ProcessBuilder.start()}: JVM boot, class loading, config, Guice,
 * login over REST and the callback server are all inside.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.timbot.benchmarks.StartUp --jar=samples/echo/target/timbot-echo.jar --runs=7</pre>
 */
public final class StartUp {
  static final String READY_LINE = "echo bot ready as";

  private StartUp() {}

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    Path jar = Path.of(a.string("jar", "samples/echo/target/timbot-echo.jar"));
    int runs = a.integer("runs", 7);
    List<String> jvm = a.strings("jvm", "");
    double[] ms = measure(jar, runs, jvm);
    System.out.println("| runs | median ms | min ms | max ms | all (ms) |\n|---:|---:|---:|---:|---|");
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    System.out.printf("| %d | %.0f | %.0f | %.0f | %s |%n", runs, median(sorted), sorted[0], sorted[sorted.length - 1],
        Arrays.stream(ms).mapToObj(v -> String.format("%.0f", v)).toList());
  }

  /** Milliseconds to the ready line, for each of {@code runs} fresh JVMs. */
  public static double[] measure(Path jar, int runs, List<String> jvmArgs) throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(jar + " not found: build samples/echo first");
    }
    double[] out = new double[runs];
    try (LocalIm im = LocalIm.builder().port(0).start()) {
      for (int i = 0; i < runs; i++) {
        out[i] = once(im, jar, jvmArgs);
        System.err.printf("run %d: %.0f ms%n", i + 1, out[i]);
      }
    }
    return out;
  }

  private static double once(LocalIm im, Path jar, List<String> jvmArgs) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("timbot-startup-");
    List<String> cmd = new ArrayList<>();
    cmd.add(SutProcess.javaBinary());
    cmd.addAll(jvmArgs);
    cmd.add("-jar");
    cmd.add(jar.toAbsolutePath().toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    SutProcess.botEnvironment(pb.environment(), im, "echo_bot");
    pb.environment().put("CALLBACK_HOST", "127.0.0.1");
    long t0 = System.nanoTime();
    Process p = pb.start();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      List<String> seen = new ArrayList<>();
      for (String line; (line = r.readLine()) != null; ) {
        if (line.contains(READY_LINE)) {
          return (System.nanoTime() - t0) / 1e6;
        }
        seen.add(line);
      }
      throw new IllegalStateException("the echo bot exited without becoming ready:\n" + String.join("\n", seen));
    } finally {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
