package dev.timbot.emulator;

/** A console login: the user's freshly generated UserSig, as a client SDK would receive it. */
public record UserLogin(long sdkAppId, String userId, String userSig) {
  @Override
  public String toString() {
    // Never print the sig.
    return "UserLogin[sdkAppId=" + sdkAppId + ", userId=" + userId + "]";
  }
}
