package dev.timbot.internal.store;

/**
 * A journal of this process alone whose appends take consecutive ids (n, n + 1, …) and become
 * durable in id order: the journal pump may hand on the receiver's copy of the entry right after
 * its cursor without reading the journal (issue 15). Not for shared journals.
 */
public interface ConsecutiveIds {}
