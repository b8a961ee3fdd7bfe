/**
 * Emulator internals. {@code Emulator}: one instance's shared state; {@code EmulatorServer}: its
 * Jetty listeners. {@code store}: in-memory state, one store per concern, each guarding itself;
 * {@code api}: one service per REST concern holding the behaviour ({@code ApiServices} wires
 * them); {@code rest}: the HTTP front (auth, limits, envelope); {@code callback}: outgoing
 * callbacks; {@code media}: uploads and renditions; {@code tls}: the self-signed certificate;
 * {@code client}: listener fan-out.
 */
package dev.timbot.emulator.internal;
