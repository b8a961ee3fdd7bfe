package dev.timbot.internal.callback;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** {@code Sns.CallbackBlackListAdd} / {@code Sns.CallbackBlackListDelete}. */
@JsonPropertyOrder({"CallbackCommand", "PairList", "EventTime"})
public record BlacklistCallback(
    @JsonProperty("CallbackCommand") String command,
    @JsonProperty("PairList") List<AccountPair> pairList,
    @JsonProperty("EventTime") Long eventTime)
    implements CallbackEvent {
  public BlacklistCallback {
    pairList = pairList == null ? List.of() : List.copyOf(pairList);
  }

  public boolean added() {
    return CallbackCommand.SNS_BLACKLIST_ADD.equals(command);
  }
}
