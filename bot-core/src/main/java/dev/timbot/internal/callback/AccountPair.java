package dev.timbot.internal.callback;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A {@code PairList} item of the relationship callbacks. */
@JsonPropertyOrder({"From_Account", "To_Account", "Initiator_Account"})
public record AccountPair(
    @JsonProperty("From_Account") String fromAccount,
    @JsonProperty("To_Account") String toAccount,
    @JsonProperty("Initiator_Account") String initiatorAccount) {}
