package dev.timbot.samples.cs;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Command line and environment of the demo.
 *
 * @param imPort the embedded emulator's port (0 = any free port)
 * @param callbackPort the bot's callback server port (0 = any free port)
 * @param config a YAML file replacing the built-in configuration, or null
 * @param dataDir where the call log and the service desk's records go
 * @param env the environment (real Tencent IM when TIM_SDKAPPID, TIM_SECRET_KEY and TIM_ADMIN are set)
 */
public record DemoOptions(int imPort, int callbackPort, Path config, Path dataDir, Map<String, String> env) {
  public static final int DEFAULT_IM_PORT = 9000;
  public static final int DEFAULT_CALLBACK_PORT = 8080;

  /** The Tencent IM credentials: all three select Tencent IM, none the embedded emulator. */
  static final List<String> CREDENTIALS = List.of("TIM_SDKAPPID", "TIM_SECRET_KEY", "TIM_ADMIN");
  private static final List<String> OPTIONS = List.of("--port", "--callback-port", "--config", "--data");

  /** Whether the command line asks for the usage ({@code --help}, {@code -h}). */
  public static boolean wantsHelp(String[] args) {
    return Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
  }

  /**
   * Parses {@code --port N}, {@code --callback-port N}, {@code --config FILE}, {@code --data DIR};
   * fails on an unknown option, a missing value, or only some of the Tencent IM credentials.
   */
  public static DemoOptions parse(String[] args, Map<String, String> env) {
    int imPort = DEFAULT_IM_PORT;
    int callbackPort = DEFAULT_CALLBACK_PORT;
    Path config = null;
    Path data = Path.of("data");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        throw new IllegalArgumentException(usage());
      }
      if (!OPTIONS.contains(a)) {
        throw new IllegalArgumentException("unknown option " + a + " (the options are " + String.join(", ", OPTIONS)
            + " and --help)\n" + usage());
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + a + "\n" + usage());
      }
      String v = args[++i];
      switch (a) {
        case "--port" -> imPort = port(a, v);
        case "--callback-port" -> callbackPort = port(a, v);
        case "--config" -> config = Path.of(v);
        case "--data" -> data = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
      }
    }
    List<String> missing = CREDENTIALS.stream().filter(n -> blank(env.get(n))).toList();
    if (!missing.isEmpty() && missing.size() < CREDENTIALS.size()) {
      throw new IllegalArgumentException("only some Tencent IM credentials are set: " + String.join(" and ", missing)
          + (missing.size() == 1 ? " is" : " are") + " missing. Set all of " + String.join(", ", CREDENTIALS)
          + " to use Tencent IM, or none of them to use the embedded emulator.");
    }
    return new DemoOptions(imPort, callbackPort, config, data, env);
  }

  private static boolean blank(String v) {
    return v == null || v.isBlank();
  }

  /** Real Tencent IM when the three credentials are in the environment. */
  public boolean realMode() {
    return present("TIM_SDKAPPID") && present("TIM_SECRET_KEY") && present("TIM_ADMIN");
  }

  private boolean present(String name) {
    String v = env.get(name);
    return v != null && !v.isBlank();
  }

  static String usage() {
    return """
        usage: java -jar timbot-customer-service.jar [--port 9000] [--callback-port 8080] [--config bot.yaml] [--data data]
          --port N            the embedded emulator's port (0 = any free port)
          --callback-port N   the bot's callback server port (0 = any free port)
          --config FILE       a YAML configuration instead of the built-in one
          --data DIR          where the desk, call log and FAQ data go (default: data)
        Environment: TIM_SDKAPPID, TIM_SECRET_KEY and TIM_ADMIN (all three) run against Tencent IM
        instead of the embedded emulator.""";
  }

  private static int port(String option, String value) {
    try {
      int p = Integer.parseInt(value);
      if (p < 0 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a port number 0-65535, got '" + value + "'");
    }
  }
}
