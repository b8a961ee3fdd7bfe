/**
 * A local Tencent IM service for development and tests. {@link dev.timbot.emulator.LocalIm}
 * starts it (REST at {@code /v4/<service>/<command>}, callbacks, media, optional HTTPS);
 * {@link dev.timbot.emulator.ImUsers} is the client side a person in the browser console — or a
 * test playing a user — works through; {@link dev.timbot.emulator.Main} is the runnable jar.
 * Everything under {@code internal} may change without notice.
 */
package dev.timbot.emulator;
