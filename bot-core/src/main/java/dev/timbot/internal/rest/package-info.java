/**
 * The Tencent IM REST client behind {@link dev.timbot.internal.rest.TencentImClient}.
 *
 * <p>A call is a {@link dev.timbot.internal.rest.RestRequest} (service, command, body serialized
 * once) sent down an asynchronous interceptor chain, OkHttp-style, outermost first:
 *
 * <ol>
 *   <li>{@link dev.timbot.internal.rest.CallEventsInterceptor}: one {@code onCallEnd} per call;
 *   <li>{@link dev.timbot.internal.rest.SigRetryInterceptor}: a rejected admin UserSig is
 *       regenerated and the whole call repeated once;
 *   <li>{@link dev.timbot.internal.rest.RetryInterceptor}: backoff with jitter on the clock for
 *       transport failures and rate-limit codes; drives the net state;
 *   <li>{@link dev.timbot.internal.rest.RateLimitInterceptor}: per-API token bucket (or the
 *       store's app-wide pace), every HTTP attempt takes a token and waits its turn on the clock;
 *   <li>{@link dev.timbot.internal.rest.OkHttpTransport}: signs the URL, POSTs, maps the envelope.
 * </ol>
 *
 * <p>Inside OkHttp, {@code WireGate} (a network interceptor) admits every request where it is
 * written against the service's sliding second — the app's in the shared store, else this
 * process's — so calls made late after their turn cannot bunch.
 *
 * <p>The {@code *Calls} classes build the documented request bodies and read the answers; they
 * only see a {@link dev.timbot.internal.rest.RestCaller}.
 */
package dev.timbot.internal.rest;
