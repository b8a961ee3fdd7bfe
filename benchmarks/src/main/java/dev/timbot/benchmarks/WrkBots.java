package dev.timbot.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bots {@link WrkBench} can start, each in its own JVM, and which {@link ReplySink} each talks
 * to:
 *
 * <ul>
 *   <li>{@code baseline}, {@code timbot} — {@link SutMain} from this jar, plain-HTTP sink;
 *   <li>{@code timbot-before} — timbot from another build's jar ({@code --before-jar=...});
 *   <li>{@code spring}, {@code spring-async} — the Spring Boot + community SDK peer
 *       ({@code benchmarks-spring}, {@code --spring-jar=...}), replying before it acknowledges
 *       the callback or on Boot's task executor after; HTTPS sink, since the SDK speaks nothing else;
 *   <li>{@code spring-shared} — the peer with one long-lived OkHttp client under the SDK instead
 *       of the SDK's client per call (sync);
 *   <li>{@code baseline-tls}, {@code timbot-tls} — as without the suffix, but against the HTTPS
 *       sink: what TLS alone costs.
 * </ul>
 */
final class WrkBots {
  static final String DEFAULT_SPRING_JAR = "benchmarks-spring/target/spring-peer.jar";

  private WrkBots() {}

  /** Fails on an unknown bot name or a missing jar before anything starts. */
  static void check(String bot, Args args) {
    if (!List.of("baseline", "timbot", "timbot-before", "spring", "spring-async", "spring-shared", "baseline-tls",
        "timbot-tls")
        .contains(bot)) {
      throw new IllegalArgumentException("unknown bot " + bot + "; --bots takes baseline, timbot, timbot-before,"
          + " spring, spring-async, spring-shared, baseline-tls, timbot-tls");
    }
    if (bot.startsWith("spring")) {
      springJar(args);
    }
    if (bot.equals("timbot-before") && !Files.isRegularFile(Path.of(args.string("before-jar", "")))) {
      throw new IllegalArgumentException("timbot-before needs --before-jar=<another build's benchmarks.jar>");
    }
  }

  /** Whether {@code bot} talks to the HTTPS sink. */
  static boolean https(String bot) {
    return bot.startsWith("spring") || bot.endsWith("-tls");
  }

  /** Starts {@code bot} (without waiting for it to be ready) against {@code sink}. */
  static SutProcess spawn(String bot, Args args, List<String> jvm, Map<String, String> env, ReplySink sink)
      throws IOException {
    check(bot, args);
    List<String> jvmArgs = new ArrayList<>(jvm);
    jvmArgs.addAll(sink.trustJvmArgs());
    if (bot.startsWith("spring")) {
      Path jar = springJar(args);
      env.put("PEER_HARNESS_STDIO", "true");
      env.put("PEER_REPLY", bot.equals("spring-async") ? "async" : "sync");
      env.put("PEER_CLIENT", bot.equals("spring-shared") ? "shared" : "sdk");
      List<String> cmd = new ArrayList<>();
      cmd.add(SutProcess.javaBinary());
      cmd.addAll(jvmArgs);
      cmd.add("-jar");
      cmd.add(jar.toString());
      return SutProcess.spawnCommand(bot, cmd, env);
    }
    String mode = bot.startsWith("baseline") ? "baseline" : "timbot";
    String cp = bot.equals("timbot-before") ? args.string("before-jar", "") : System.getProperty("java.class.path");
    return SutProcess.spawn(mode, jvmArgs, env, cp);
  }

  /** The peer's executable jar: {@code --spring-jar}, else the reactor's, from the repository root or a module. */
  static Path springJar(Args args) {
    String given = args.string("spring-jar", "");
    List<Path> candidates = given.isEmpty()
        ? List.of(Path.of(DEFAULT_SPRING_JAR), Path.of("..").resolve(DEFAULT_SPRING_JAR))
        : List.of(Path.of(given));
    for (Path p : candidates) {
      if (Files.isRegularFile(p)) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new IllegalArgumentException("the Spring Boot peer's jar is not at " + candidates
        + ": build it (mvn -B -q -pl benchmarks-spring package -DskipTests) or pass --spring-jar=...");
  }
}
