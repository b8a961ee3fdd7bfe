/**
 * The browser chat console served by the emulator at {@code /}.
 *
 * <h2>Pieces</h2>
 *
 * <ul>
 *   <li>{@link dev.timbot.emulator.internal.console.ConsoleHandler}: mounts everything below.
 *   <li>{@code ConsoleAssets}: {@code /}, {@code /console/app.js}, {@code /console/app.css} from
 *       the classpath ({@code console/}), {@code /console/info.json}. Plain JS, no build step,
 *       nothing from the internet (a CSP header enforces it).
 *   <li>{@code ConsoleUploadHandler}: {@code POST /console/upload}, raw bytes; headers {@code
 *       X-Tim-User}, {@code X-Tim-UserSig} (verified like a client login), {@code X-File-Name}
 *       (URL-encoded), {@code Content-Type}. Answers {@code {"elem": <TIMImageElem|TIMFileElem>}}
 *       with URLs on this emulator, which the page then sends with {@code send}.
 *   <li>{@link dev.timbot.emulator.internal.console.ConsoleEndpoint} at {@code /console/ws}: JSON
 *       text frames, handled by {@code ConsoleSession}.
 * </ul>
 *
 * <h2>WebSocket protocol</h2>
 *
 * <p>Requests are JSON objects {@code {"op": ..., "id": <optional scalar, echoed>}}. Message
 * bodies are in the REST wire format ({@code [{"MsgType": ..., "MsgContent": {...}}]}).
 *
 * <table>
 *   <caption>Requests and their answers</caption>
 *   <tr><th>request</th><th>answer</th></tr>
 *   <tr><td>{@code ping}</td><td>{@code pong {now}}</td></tr>
 *   <tr><td>{@code login {user}}</td><td>{@code login {user, userSig, sdkAppId, now}}; the
 *       emulator issues the sig ({@code ImUsers.login}, fires {@code State.StateChange Login}) and
 *       the socket is authenticated with it ({@code ImUsers.verify}); live events start</td></tr>
 *   <tr><td>{@code logout}</td><td>{@code logout} ({@code State.StateChange Logout})</td></tr>
 *   <tr><td>{@code conversations}</td><td>{@code conversations {items: [{conversationId, type,
 *       peer, name, unread, last?}], unreadTotal}}</td></tr>
 *   <tr><td>{@code history {conversationId, max?}}</td><td>{@code history {conversationId,
 *       messages}} (oldest first, default 50, at most 500)</td></tr>
 *   <tr><td>{@code read {conversationId}}</td><td>{@code read {conversationId}}; the C2C peer gets
 *       {@code peerRead}</td></tr>
 *   <tr><td>{@code send {conversationId, body, cloudCustomData?}}</td><td>{@code sent
 *       {message}}</td></tr>
 *   <tr><td>{@code recall {conversationId, msgKey}} (C2C) / {@code {conversationId, msgSeq}}
 *       (group)</td><td>{@code recall {conversationId}}; both sides get {@code
 *       recalled}</td></tr>
 * </table>
 *
 * <p>Events: {@code message {message}} (also the user's own sends), {@code recalled {message}},
 * {@code peerRead {conversationId, peer, readTime}}, {@code kicked} (then the socket closes).
 * A message is {@code {key, conversationId, type, from, to?, groupId?, msgKey?, msgId?, msgSeq,
 * msgRandom, time, body, cloudCustomData?, recalled, peerRead}}; {@code key} is unique within its
 * conversation ({@code msgKey}, or {@code seq:<msgSeq>} in groups).
 *
 * <p>Errors: {@code error {for?, reason, code, message}} with {@code reason} one of {@code
 * bad_json}, {@code bad_request}, {@code unknown_op}, {@code not_logged_in}, {@code too_big}
 * (over 64 K characters), {@code service} ({@code code} is the service's error code, e.g. 20016
 * recall too late) or {@code internal}. Frames over 1 MB close the socket (1009); a client that
 * stops reading is dropped after 16 M characters are queued. Closing the socket while logged in
 * fires {@code State.StateChange Disconnect}. Cross-origin handshakes and uploads are refused.
 */
package dev.timbot.emulator.internal.console;
