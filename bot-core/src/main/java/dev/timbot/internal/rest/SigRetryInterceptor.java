package dev.timbot.internal.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.spi.ImException.ImErrorCodes;
import dev.timbot.spi.ImException;
import dev.timbot.internal.sig.AdminSigCache;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the service rejects the admin UserSig (expired, or regenerated keys), drops the cached sig
 * and sends the call once more with a fresh one. Only once: a second rejection means the
 * configuration (key, SDKAppID, admin, data centre) is wrong, and is reported as is.
 */
public final class SigRetryInterceptor implements RestInterceptor {
  private static final Logger log = LoggerFactory.getLogger(SigRetryInterceptor.class);

  private final AdminSigCache sigs;
  private final ImClientListener listener;

  public SigRetryInterceptor(AdminSigCache sigs, ImClientListener listener) {
    this.sigs = sigs;
    this.listener = listener;
  }

  @Override
  public CompletableFuture<ObjectNode> intercept(Chain chain) {
    RestRequest request = chain.input();
    CompletableFuture<ObjectNode> result = new CompletableFuture<>();
    chain
        .proceed(request)
        .whenComplete(
            (value, error) -> {
              Throwable cause = error == null ? null : Failures.unwrap(error);
              if (cause instanceof ImException e
                  && !(cause instanceof TransportException)
                  && ImErrorCodes.isSigError(e.errorCode())) {
                log.info(
                    "{}: admin UserSig rejected (ErrorCode {}), regenerating and retrying once",
                    request.api(),
                    e.errorCode());
                sigs.invalidate();
                listener.onRetry(request.api(), 2, e.errorCode());
                chain.proceed(request).whenComplete((v, err) -> Failures.complete(result, v, err));
              } else {
                Failures.complete(result, value, error);
              }
            });
    return result;
  }
}
