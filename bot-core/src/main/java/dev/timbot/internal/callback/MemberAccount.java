package dev.timbot.internal.callback;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A {@code {"Member_Account": id}} item. */
public record MemberAccount(@JsonProperty("Member_Account") String memberAccount) {}
