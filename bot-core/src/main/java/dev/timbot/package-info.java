/**
 * timbot's public runtime API: {@link dev.timbot.Bot} (built with {@link dev.timbot.BotBuilder}
 * from a {@link dev.timbot.BotConfig}), the {@link dev.timbot.Context} handlers receive, {@link
 * dev.timbot.BotEvent}s named after {@code TIM.EVENT}, sessions, the media store and {@link
 * dev.timbot.MatchTrace} diagnostics.
 *
 * <h2>Decisions worth knowing</h2>
 *
 * <ul>
 *   <li><b>Routing.</b> A bot handles C2C messages whose {@code To_Account} is itself and group
 *       messages that @-mention it ({@code GroupAt_Account} or {@code AtRobots_Account}).
 *       Handlers opt in to unmentioned group messages ({@code allGroupMessages()}) or to every
 *       message the app's callback delivers ({@code observer()}). The bot's own messages are never
 *       dispatched (loop guard). Before-send callbacks and undelivered messages ({@code
 *       SendMsgResult != 0}) are ignored. A receiver shared by several bots passes every callback
 *       to every bot's {@code callbackSink()}; each keeps its own.
 *   <li><b>Ordering.</b> One FIFO lane per conversation on a pool of {@code dispatch.threads};
 *       lanes run in parallel. A lane holds {@code dispatch.queueCapacity} waiting messages; the
 *       next one is <em>rejected</em> and reported — counter {@code timbot.messages.rejected} and
 *       an {@code ERROR} event of kind {@code QUEUE_FULL} carrying the message, so the
 *       application can store or retry it. Nothing is dropped silently.
 *   <li><b>Send order.</b> Sends to one conversation leave one after another, in the order they
 *       were made (each waits for the previous one's answer, retries included), so replies never
 *       overtake each other; sends to different conversations run concurrently.
 *   <li><b>Priority.</b> As in NoneBot: lower values run first (default 1); a matching handler
 *       with {@code block()} skips handlers of <em>higher values</em>; handlers of equal priority
 *       all run, in registration order.
 *   <li><b>Timeouts.</b> Each handler runs under {@code dispatch.handlerTimeout} (30 s) or its own
 *       {@code timeout(...)}, measured on the bot's clock. Past it, an {@code ERROR} of kind
 *       {@code HANDLER_TIMEOUT} is emitted, the handler's thread is interrupted, the remaining
 *       handlers for that message are skipped and the lane moves on. An inbound interceptor gets
 *       the default timeout for its own code up to {@code chain.proceed()} (handler time does not
 *       count); past it the message is muted and reported the same way.
 *   <li><b>Dedupe.</b> Messages are remembered by MsgId and MsgKey (group: conversation and
 *       MsgSeq) for {@code dispatch.dedupeTtl}; a redelivery, or the same message from two
 *       callback commands, is dropped and counted.
 *   <li><b>KICKED_OUT.</b> Emitted for {@code State.StateChange} of the bot's own account with
 *       {@code Logout} or {@code Disconnect}: someone used the account from a client SDK. The
 *       REST-based bot keeps running.
 *   <li><b>Not ready.</b> IM calls through {@code bot.im()}, {@code ctx.im()} or injected clients
 *       fail with 6013 before {@code start()} and 6014 after {@code stop()}; plugins' {@code
 *       start()} may already call the IM.
 *   <li><b>Several bots, one callback URL.</b> An app has one callback URL. Build every bot with
 *       {@code externalIntake()} and run one receiver that hands each callback to all of them:
 *       <pre>
 * CallbackReceiver receiver = CallbackReceiver.builder().sdkAppId(app).token(token)
 *     .sink(cb -&gt; bots.forEach(b -&gt; b.callbackSink().accept(cb))).build();
 * CallbackServer.builder().port(8080).receiver(receiver).build().start();
 * </pre>
 * </ul>
 */
package dev.timbot;
