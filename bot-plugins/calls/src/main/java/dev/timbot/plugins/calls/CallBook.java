package dev.timbot.plugins.calls;

import java.time.Instant;
import java.util.List;

/**
 * Where the relay keeps its calls: in this process's memory ({@link LocalCallBook}), or in the
 * bot's store when several processes share it ({@link SharedCallBook}), where the customer's
 * invitation and an agent's answer may be handled by different processes.
 *
 * <p>An operation reads what it needs, changes the calls it read and {@link #save}s them; a shared
 * book refuses a save when another process changed the call since it was read, and the relay then
 * runs the operation again on what is stored. Agents are taken with {@link #claim}, so that two
 * calls never ring one agent, whichever process starts them.
 */
interface CallBook {

  /** The live call {@code customer} is making, or null. */
  RelayedCall call(String customer);

  /** The live call {@code agent} is ringing or talking in, or null. */
  RelayedCall callOf(String agent);

  /** The live call with an invitation {@code legId} to an agent (signaling), or null. */
  RelayedCall callOfLeg(String legId);

  /**
   * Takes {@code leg}'s agent for {@code call} (before the call is saved): false when the agent
   * is ringing or talking in another live call.
   */
  boolean claim(RelayedCall call, RelayedCall.Leg leg);

  /** Gives the agent back (the leg ended, or the save that would have used it failed). */
  void release(RelayedCall call, String agent);

  /** Saves the call as changed (an ended call is forgotten); false when it changed elsewhere first. */
  boolean save(RelayedCall call);

  /** Arms the call's one timer for {@code at}, replacing what was armed; null disarms. */
  void arm(RelayedCall call, Instant at);

  /** The calls ringing or connected (in a shared book: in every process). */
  List<RelayedCall> live();

  /** Whether the calls are shared by several processes (they then outlive this one). */
  boolean shared();
}
