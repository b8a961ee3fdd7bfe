package dev.timbot.internal.callback;

import java.util.Map;

/**
 * The URL query parameters of one callback request that the receiver reads, picked out of the
 * server's parameter map in one pass. Names are matched without regard to case (the service's
 * documentation spells {@code SdkAppid} and {@code SdkAppId} both); when a name appears in two
 * spellings the first one seen wins. Any other parameter is ignored.
 *
 * <p>A record rather than a case-insensitive copy of the map: a callback is the hottest path of
 * the bot, and six fields cost less than a sorted map of entries per request.
 */
record CallbackQuery(
    String sdkAppId, String command, String sign, String requestTime, String clientIp, String optPlatform) {

  static final CallbackQuery EMPTY = new CallbackQuery(null, null, null, null, null, null);

  static CallbackQuery of(Map<String, String> query) {
    if (query == null || query.isEmpty()) {
      return EMPTY;
    }
    String appId = null;
    String command = null;
    String sign = null;
    String time = null;
    String ip = null;
    String platform = null;
    for (Map.Entry<String, String> e : query.entrySet()) {
      String k = e.getKey();
      String v = e.getValue();
      if (k == null || v == null) {
        continue;
      }
      if (appId == null && k.equalsIgnoreCase("SdkAppid")) {
        appId = v;
      } else if (command == null && k.equalsIgnoreCase("CallbackCommand")) {
        command = v;
      } else if (sign == null && k.equalsIgnoreCase("Sign")) {
        sign = v;
      } else if (time == null && k.equalsIgnoreCase("RequestTime")) {
        time = v;
      } else if (ip == null && k.equalsIgnoreCase("ClientIP")) {
        ip = v;
      } else if (platform == null && k.equalsIgnoreCase("OptPlatform")) {
        platform = v;
      }
    }
    return new CallbackQuery(appId, command, sign, time, ip, platform);
  }
}
