package dev.timbot.spi;

import java.time.Instant;

/** An entry of {@code black_list_get}. */
public record BlacklistEntry(String account, Instant addedAt) {}
