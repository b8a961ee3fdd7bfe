/**
 * timbot's public API, the part a newcomer reads first: {@link dev.timbot.Bot} (built with {@link
 * dev.timbot.BotBuilder} from a {@link dev.timbot.BotConfig}), {@link dev.timbot.Plugin}s that
 * register on {@link dev.timbot.Handlers}, the {@link dev.timbot.Context} handlers receive, one
 * {@link dev.timbot.Interceptor} shape for inbound and outbound, {@link dev.timbot.BotEvent}s
 * named after {@code TIM.EVENT}, {@link dev.timbot.MatchTrace} diagnostics, and the capability
 * contracts plugins cooperate through ({@link dev.timbot.Capabilities}, {@link
 * dev.timbot.HumanHandoff}, {@link dev.timbot.WorkingHours}).
 *
 * <p>The other public packages: {@code dev.timbot.message} (the message model and its JSON),
 * {@code dev.timbot.spi} (the ports a backend implements: the IM client roles, stores, the
 * clock), {@code dev.timbot.tencent} (the Tencent REST client, the callback endpoint, UserSig).
 * Everything under {@code dev.timbot.internal} may change in any release; the build enforces
 * the boundary (no API signature exposes an internal or third-party type, no package cycles).
 *
 * <h2>Decisions worth knowing</h2>
 *
 * <ul>
 *   <li><b>Routing.</b> A bot handles C2C messages whose {@code To_Account} is itself and group
 *       messages that @-mention it ({@code GroupAt_Account} or {@code AtRobots_Account}).
 *       Handlers opt in to unmentioned group messages ({@code allGroupMessages()}) or to every
 *       message the app's callback delivers ({@code observer()}). The bot's own messages are never
 *       dispatched (loop guard). Before-send callbacks and undelivered messages ({@code
 *       SendMsgResult != 0}) are ignored. A server shared by several bots hands every callback
 *       request to every bot's {@code callbacks()}; each keeps its own.
 *   <li><b>Ordering.</b> One FIFO lane per conversation on a pool of {@code dispatch.threads};
 *       lanes run in parallel. A lane holds {@code dispatch.queueCapacity} waiting messages; the
 *       next one is <em>rejected</em> and reported — counter {@code timbot.messages.rejected} and
 *       an {@code ERROR} event of kind {@code QUEUE_FULL} carrying the message, so the
 *       application can store or retry it. Nothing is dropped silently.
 *   <li><b>Send order.</b> Sends to one conversation leave one after another, in the order they
 *       were made (each waits for the previous one's answer, retries included), so replies never
 *       overtake each other; sends to different conversations run concurrently.
 *   <li><b>Order.</b> As in NoneBot, lower priority values run first (default 1). Within one
 *       priority, commands run first, then keyword/regex/predicate/typed handlers, then per-type
 *       catch-alls ({@code text}, {@code image}, {@code message}), each in registration order —
 *       so {@code /help} never also reaches an echo handler and no magic numbers are needed. A
 *       matching handler with {@code block()} skips <em>everything after it</em>; a matched
 *       command blocks by default.
 *   <li><b>Timeouts.</b> Each handler runs under {@code dispatch.handlerTimeout} (30 s) or its own
 *       {@code timeout(...)}, measured on the bot's clock. Past it, an {@code ERROR} of kind
 *       {@code HANDLER_TIMEOUT} is emitted, the handler's thread is interrupted, the remaining
 *       handlers for that message are skipped and the lane moves on. An inbound interceptor gets
 *       the default timeout for its own code up to {@code chain.proceed(input)} (handler time does not
 *       count); past it the message is muted and reported the same way.
 *   <li><b>Dedupe.</b> Messages are remembered by MsgId and MsgKey (group: conversation and
 *       MsgSeq) for {@code dispatch.dedupeTtl}; a redelivery, or the same message from two
 *       callback commands, is dropped and counted.
 *   <li><b>KICKED_OUT.</b> Emitted for {@code State.StateChange} of the bot's own account with
 *       {@code Logout} or {@code Disconnect}: someone used the account from a client SDK. The
 *       REST-based bot keeps running.
 *   <li><b>Sending.</b> There is one way to send as the bot: {@code ctx.reply}/{@code ctx.send},
 *       {@code Messenger} (inject it) and {@code bot.send} all go through the outbound
 *       interceptors and the conversation's order. {@code ImAdmin} ({@code bot.im()}, {@code
 *       ctx.im()}, injectable) has the administration calls and no way to send chat messages.
 *   <li><b>Not ready.</b> IM calls through {@code bot.im()}, {@code ctx.im()} or injected clients
 *       fail with 6013 before {@code start()} and 6014 after {@code stop()}; plugins' {@code
 *       start()} may already call the IM.
 *   <li><b>Several bots, one callback URL.</b> An app has one callback URL. Build every bot with
 *       {@code externalIntake()} and, in the server that owns the URL, hand each request to all
 *       of them; answer 200 only when every bot did (callbacks that enter this way are not
 *       journaled: see {@link dev.timbot.tencent.CallbackEndpoint}):
 *       <pre>
 * List&lt;CallbackEndpoint.Response&gt; answers = bots.stream()
 *     .map(b -&gt; b.callbacks().handle(query, body)).toList();
 * </pre>
 * </ul>
 */
package dev.timbot;
