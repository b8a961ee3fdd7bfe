package dev.timbot.benchmarks;

import dev.timbot.Handlers;
import dev.timbot.Plugin;

/**
 * The handlers of {@code samples/echo}'s EchoBot, copied: the sample's jar is shaded (it carries
 * its own copy of everything), so depending on it here would put every class on the path twice.
 */
public final class EchoPlugin implements Plugin {
  @Override
  public void configure(Handlers on) {
    on.command("help", ctx -> ctx.reply("Say anything and I will echo it. /ping checks I'm alive.")).block();
    on.command("ping", ctx -> ctx.reply("pong")).block();
    on.text(ctx -> ctx.reply("You said: " + ctx.text()));
    on.image(ctx -> ctx.reply("Nice picture (" + ctx.image().width() + "x" + ctx.image().height() + ")"));
  }

  @Override
  public String name() {
    return "echo";
  }
}
