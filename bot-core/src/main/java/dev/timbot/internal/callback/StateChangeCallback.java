package dev.timbot.internal.callback;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * {@code State.StateChange}: an account logged in ({@code Login/Register}), out ({@code
 * Logout/Unregister}) or lost its connection ({@code Disconnect/LinkClose|TimeOut}).
 */
@JsonPropertyOrder({"CallbackCommand", "EventTime", "Info", "KickedDevice"})
public record StateChangeCallback(
    @JsonProperty("CallbackCommand") String command,
    @JsonProperty("EventTime") Long eventTime,
    @JsonProperty("Info") Info info,
    @JsonProperty("KickedDevice") List<KickedDevice> kickedDevice)
    implements CallbackEvent {
  public static final String LOGIN = "Login";
  public static final String LOGOUT = "Logout";
  public static final String DISCONNECT = "Disconnect";

  public StateChangeCallback {
    kickedDevice = kickedDevice == null ? null : List.copyOf(kickedDevice);
  }

  public String account() {
    return info == null ? null : info.toAccount();
  }

  public String action() {
    return info == null ? null : info.action();
  }

  /** {@code Info}: what happened to which account. */
  @JsonPropertyOrder({"Action", "To_Account", "Reason"})
  public record Info(
      @JsonProperty("Action") String action,
      @JsonProperty("To_Account") String toAccount,
      @JsonProperty("Reason") String reason) {}

  /** A device that was kicked off by this login. */
  public record KickedDevice(@JsonProperty("Platform") String platform) {}
}
