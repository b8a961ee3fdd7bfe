package dev.timbot.emulator;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar bot-emulator.jar [--port 9000] [--https-port N] [--sdkappid 1400000000]
 * [--secret KEY] [--admin administrator] [--callback-url URL] [--callback-token TOKEN]}
 * (plus {@code --host}, {@code --callbacks a,b}, {@code --rate-limit N}, {@code --require-friendship true}).
 * Prints what a bot needs to connect (this is a local development service, so the secret is
 * printed on purpose — to the console, never to a log).
 */
public final class Main {
  private static final java.util.List<String> OPTIONS = java.util.List.of("--port", "--https-port", "--host",
      "--sdkappid", "--secret", "--admin", "--callback-url", "--callback-token", "--callbacks", "--rate-limit",
      "--require-friendship");

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    // The jar's own logging setup, unless the user brought one (set before any logger exists).
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "bot-emulator-logback.xml");
    }
    LocalIm.Builder b = LocalIm.builder().port(9000);
    int exit = parse(args, b, System.out, System.err);
    if (exit >= 0) {
      System.exit(exit);
      return;
    }
    boolean callbacks = Arrays.asList(args).contains("--callback-url");
    LocalIm im;
    try {
      im = b.start();
    } catch (IllegalStateException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      System.err.println("bot-emulator: " + e.getMessage() + ": " + cause.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      im.stop();
      stopped.countDown();
    }, "emulator-shutdown"));
    PrintStream out = System.out;
    out.println("timbot Tencent IM emulator is running");
    out.println("  SDKAppID      " + im.sdkAppId());
    out.println("  secret key    " + im.secretKey());
    out.println("  admin         " + im.admin());
    // Callbacks are signed with this (random unless --callback-token): the bot's CALLBACK_TOKEN.
    out.println("  callback token " + im.callbackToken());
    out.println("  REST base URL " + im.baseUrl() + "   (POST /v4/<service>/<command>?sdkappid=…&identifier=…&usersig=…&random=…&contenttype=json)");
    if (im.httpsBaseUrl() != null) {
      out.println("  HTTPS         " + im.httpsBaseUrl() + "   certificate (PEM): " + im.certificatePem());
    }
    out.println("  console       " + im.consoleUrl());
    if (!callbacks) {
      out.println("  callbacks     OFF: no bot hears messages. Add --callback-url http://127.0.0.1:8080/tim/callback"
          + " --callback-token TOKEN (your bot's callback settings).");
    }
    out.flush();
    stopped.await();
  }

  /**
   * Applies the command line to {@code b}. Returns -1 to go on and start, or the exit code: 0
   * after printing the usage for {@code --help}, 2 after explaining a bad option on {@code err}.
   */
  static int parse(String[] args, LocalIm.Builder b, PrintStream out, PrintStream err) {
    if (Arrays.stream(args).anyMatch(a -> a.equals("-h") || a.equals("--help"))) {
      usage(out);
      return 0;
    }
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (!OPTIONS.contains(a)) {
          throw new IllegalArgumentException("unknown option " + a + " (the options are listed below)");
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value for " + a);
        }
        String v = args[++i];
        switch (a) {
          case "--port" -> b.port(number(a, v));
          case "--https-port" -> b.httpsPort(number(a, v));
          case "--host" -> b.host(v);
          case "--sdkappid" -> b.sdkAppId(Long.parseLong(v));
          case "--secret" -> b.secretKey(v);
          case "--admin" -> b.admin(v);
          case "--callback-url" -> b.callbackUrl(v);
          case "--callback-token" -> b.callbackToken(v);
          case "--callbacks" -> b.enableCallbacks(v.split(","));
          case "--rate-limit" -> b.defaultRateLimit(number(a, v));
          case "--require-friendship" -> b.requireFriendship(Boolean.parseBoolean(v));
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      return -1;
    } catch (IllegalArgumentException e) {
      err.println("bot-emulator: " + e.getMessage());
      usage(err);
      return 2;
    }
  }

  private static int number(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, got '" + value + "'");
    }
  }

  private static void usage(PrintStream out) {
    out.println("usage: java -jar bot-emulator.jar [--port 9000] [--https-port N] [--host 127.0.0.1]"
        + " [--sdkappid 1400000000] [--secret KEY] [--admin administrator]"
        + " [--callback-url URL] [--callback-token TOKEN]"
        + " [--callbacks C2C.CallbackAfterSendMsg,Bot.OnC2CMessage,…] [--rate-limit 200]"
        + " [--require-friendship true]");
  }
}
