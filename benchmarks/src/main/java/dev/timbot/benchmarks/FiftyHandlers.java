package dev.timbot.benchmarks;

import dev.timbot.Handlers;
import dev.timbot.Plugin;

/**
 * A realistic matcher chain: 49 handlers that look at every text message and do not match
 * (20 commands, 15 regexes, 14 keywords — what an FAQ/customer-service bot registers), then one
 * echo handler registered last with the lowest priority, so every message walks the whole chain.
 */
public final class FiftyHandlers implements Plugin {
  public static final int HANDLERS = 50;

  @Override
  public void configure(Handlers on) {
    for (int i = 0; i < 20; i++) {
      on.command("cmd" + i, ctx -> ctx.reply("command")).block();
    }
    for (int i = 0; i < 15; i++) {
      on.regex("^(order|ticket|case)\\s*#?" + i + "(\\d{4,})$", ctx -> ctx.reply("regex"));
    }
    for (int i = 0; i < 14; i++) {
      on.keyword("refund-" + i, ctx -> ctx.reply("keyword"));
    }
    on.text(ctx -> ctx.reply("You said: " + ctx.text())).priority(100);
  }

  @Override
  public String name() {
    return "fifty-handlers";
  }
}
