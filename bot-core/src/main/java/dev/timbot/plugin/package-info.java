/**
 * The plugin API: a {@link dev.timbot.plugin.Plugin} registers {@link dev.timbot.plugin.Handler}s
 * on {@link dev.timbot.plugin.Handlers} (by element type, custom sub-protocol, command, keyword,
 * regex or predicate), custom {@link dev.timbot.plugin.CustomDecoder decoders}/{@link
 * dev.timbot.plugin.CustomEncoder encoders}, and inbound/outbound {@link
 * dev.timbot.plugin.Interceptor interceptors} (standard ones in {@link
 * dev.timbot.plugin.Interceptors}). Plugins are wired with Guice; a record annotated {@link
 * dev.timbot.plugin.ConfigSection} is bound from its YAML section.
 *
 * <pre>
 * public final class OrderPlugin implements Plugin {
 *   &#64;Inject OrderConfig config;                       // &#64;ConfigSection("orders") record
 *
 *   &#64;Override public void configure(Handlers on) {
 *     on.intercept(Interceptors.cooldown(Duration.ofSeconds(2), null));
 *     on.command("order", ctx -&gt; ctx.ask("Your order number?", Duration.ofMinutes(2),
 *             timedOut -&gt; timedOut.reply("No answer, closing."))
 *         .thenAccept(answer -&gt; answer.reply(config.prefix() + answer.text()))).block();
 *     on.decoder(CallSignal.class, CustomDecoder.json(CallSignal.class, n -&gt; n.has("action")));
 *     on.custom(CallSignal.class, (ctx, signal) -&gt; ctx.replyCustom(signal.accept()));
 *     on.image(ctx -&gt; ctx.reply("Nice picture (" + ctx.image().width() + "px)"));
 *     on.text(ctx -&gt; ctx.reply("You said: " + ctx.text())).priority(5);
 *   }
 * }
 * </pre>
 *
 * <p>{@link dev.timbot.plugin.Plugin#module()} is read from plugin instances only (a plugin
 * registered by class is created by the injector that module would configure). The {@code Bot}
 * itself is not injectable; plugins get the IM client, session store, clock, config, media store
 * and meter registry.
 */
package dev.timbot.plugin;
