package com.example.bot;

import dev.timbot.Handlers;
import dev.timbot.Plugin;

/** Your plugin: answers "hello", /help, and tells anything else what it can do. Edit me. */
public final class GreeterPlugin implements Plugin {
  @Override
  public void configure(Handlers on) {
    on.command("help", ctx -> ctx.reply("Say hello, or ask me for the time with /time."));
    on.command("time", ctx -> ctx.reply("It is " + ctx.clock().now() + " (UTC)."));
    on.keyword("hello", ctx -> ctx.reply("Hi " + ctx.sender() + "! I am your first timbot bot.")).block();
    on.text(ctx -> ctx.reply("I only know hello and /help so far."));
  }
}
