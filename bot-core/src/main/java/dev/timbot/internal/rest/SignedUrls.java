package dev.timbot.internal.rest;

import okhttp3.HttpUrl;

/**
 * The URLs of one API signed with one sig: {@code base/v4/service/command?sdkappid=…&identifier=…
 * &usersig=…&random=…&contenttype=json}, with a fresh {@code random} per HTTP request as the URL
 * format asks.
 *
 * <p>Everything up to {@code random} is encoded once, here. Parsing the URL from text per request
 * (or {@link HttpUrl#newBuilder()}, which canonicalises the query again) re-encodes the
 * 300-character usersig and checks the host's IDN form: a third of a send's CPU on the store's
 * commit thread (issue 15). Each thread keeps a builder holding the encoded prefix and appends the
 * two per-request parameters to it; the URL built is the very same.
 */
final class SignedUrls {
  private final String sig;
  private final ThreadLocal<HttpUrl.Builder> builders;

  SignedUrls(HttpUrl base, String service, String command, long sdkAppId, String admin, String sig) {
    this.sig = sig;
    HttpUrl prefix =
        base.newBuilder()
            .addPathSegment("v4")
            .addPathSegment(service)
            .addPathSegment(command)
            .addQueryParameter("sdkappid", Long.toString(sdkAppId))
            .addQueryParameter("identifier", admin)
            .addQueryParameter("usersig", sig)
            .build();
    this.builders = ThreadLocal.withInitial(prefix::newBuilder);
  }

  String sig() {
    return sig;
  }

  /** The URL of one request, with {@code random}'s low 32 bits as its unsigned {@code random}. */
  HttpUrl next(long random) {
    HttpUrl.Builder b = builders.get();
    try {
      return b.addEncodedQueryParameter("random", Long.toString(random & 0xFFFF_FFFFL))
          .addEncodedQueryParameter("contenttype", "json")
          .build();
    } finally {
      // Back to the prefix whatever happened, for this thread's next request.
      b.removeAllEncodedQueryParameters("random").removeAllEncodedQueryParameters("contenttype");
    }
  }
}
