package dev.timbot;

import java.time.Instant;

/**
 * When people are there to answer. Provided by the auto-reply plugin from its schedule; the
 * customer-service desk uses it to decide between a handoff and leave-a-message.
 */
@FunctionalInterface
public interface WorkingHours {
  boolean isOpen(Instant at);
}
