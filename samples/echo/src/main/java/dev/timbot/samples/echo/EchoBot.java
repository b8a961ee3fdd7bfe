package dev.timbot.samples.echo;

import dev.timbot.Bot;
import dev.timbot.BotConfig;
import dev.timbot.BotEvent;
import dev.timbot.Handlers;
import dev.timbot.Plugin;
import java.nio.file.Files;
import java.nio.file.Path;

/** Echoes text, describes images, answers /help and /ping. Config: bot.yaml (or the path given) plus env. */
public final class EchoBot implements Plugin {
  @Override
  public void configure(Handlers on) {
    on.command("help", ctx -> ctx.reply("Say anything and I will echo it. /ping checks I'm alive."));
    on.command("ping", ctx -> ctx.reply("pong"));
    on.text(ctx -> ctx.reply("You said: " + ctx.text())); // commands run first and end the dispatch
    on.image(ctx -> ctx.reply("Nice picture (" + ctx.image().width() + "x" + ctx.image().height() + ")"));
  }

  public static void main(String[] args) throws InterruptedException {
    Path yaml = Path.of(args.length > 0 ? args[0] : "bot.yaml");
    BotConfig config = Files.exists(yaml) ? BotConfig.load(yaml) : BotConfig.fromEnv();
    Bot bot = Bot.builder().config(config).plugin(new EchoBot()).build();
    bot.on(BotEvent.SDK_READY, e -> System.out.println("echo bot ready as " + e.account()));
    Runtime.getRuntime().addShutdownHook(new Thread(bot::stop));
    bot.start();
    Thread.currentThread().join(); // serve until the JVM is stopped
  }
}
