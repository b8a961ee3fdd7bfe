package dev.timbot.internal.rest;

import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Resolves the configured {@code tim.baseUrl}: empty means the China site, a region name (or its
 * short code) means that data centre's documented host, and anything else must be an {@code
 * http(s)://host[:port][/prefix]} URL, such as the local emulator's.
 */
public final class BaseUrls {
  public static final String DEFAULT = "https://console.tim.qq.com";

  private static final Map<String, String> REGIONS =
      Map.ofEntries(
          Map.entry("china", "console.tim.qq.com"),
          Map.entry("cn", "console.tim.qq.com"),
          Map.entry("singapore", "adminapisgp.im.qcloud.com"),
          Map.entry("sgp", "adminapisgp.im.qcloud.com"),
          Map.entry("seoul", "adminapikr.im.qcloud.com"),
          Map.entry("kr", "adminapikr.im.qcloud.com"),
          Map.entry("tokyo", "adminapijpn.im.qcloud.com"),
          Map.entry("jpn", "adminapijpn.im.qcloud.com"),
          Map.entry("frankfurt", "adminapiger.im.qcloud.com"),
          Map.entry("ger", "adminapiger.im.qcloud.com"),
          Map.entry("mumbai", "adminapiind.im.qcloud.com"),
          Map.entry("ind", "adminapiind.im.qcloud.com"),
          Map.entry("siliconvalley", "adminapiusa.im.qcloud.com"),
          Map.entry("usa", "adminapiusa.im.qcloud.com"),
          Map.entry("jakarta", "adminapiidn.im.qcloud.com"),
          Map.entry("idn", "adminapiidn.im.qcloud.com"));

  private BaseUrls() {}

  public static HttpUrl resolve(String configured) {
    if (configured == null || configured.isBlank()) {
      return HttpUrl.get(DEFAULT);
    }
    String value = configured.strip();
    String region = value.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
    String host = REGIONS.get(region);
    if (host != null) {
      return HttpUrl.get("https://" + host);
    }
    HttpUrl url = HttpUrl.parse(value);
    if (url == null) {
      throw new IllegalArgumentException(
          "tim.baseUrl must be a region name (" + String.join(", ", REGIONS.keySet().stream().sorted().toList())
              + ") or an http(s):// URL, got: " + value);
    }
    if (url.query() != null || url.fragment() != null) {
      throw new IllegalArgumentException("tim.baseUrl must not have a query or fragment: " + value);
    }
    // A trailing slash would add an empty segment before /v4.
    HttpUrl.Builder b = url.newBuilder();
    int last = url.pathSize() - 1;
    if (last >= 0 && url.pathSegments().get(last).isEmpty()) {
      b.removePathSegment(last);
    }
    return b.build();
  }
}
