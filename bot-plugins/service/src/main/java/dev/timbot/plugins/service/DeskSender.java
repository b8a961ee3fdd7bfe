package dev.timbot.plugins.service;

import dev.timbot.message.MessageElem;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desk's way out. Sends to one person go one after another, in the order the desk made them
 * (a send starts when the one before it is answered), so "This chat has ended" never overtakes
 * the last relayed line, live or after a reload. A send the service rejects is logged at WARN
 * and handed to the caller's failure handler — never dropped silently.
 */
final class DeskSender {
  private static final Logger log = LoggerFactory.getLogger(DeskSender.class);
  private static final BooleanSupplier NEVER = () -> false;

  private final DeskOutbox out;
  private final MeterRegistry meters;
  private final Map<String, CompletableFuture<String>> tails = new ConcurrentHashMap<>();

  DeskSender(DeskOutbox out, MeterRegistry meters) {
    this.out = out;
    this.meters = meters;
  }

  /** A message from the desk itself; a failure is only logged (there is nobody else to tell). */
  CompletableFuture<String> say(String to, List<MessageElem> elements) {
    return send(to, elements, NEVER, e -> {});
  }

  /**
   * Queues {@code elements} for {@code to} after every earlier send to them. {@code withdrawn} is
   * asked right before the send (a recalled original is not relayed); {@code onFailure} hears of
   * a rejected send after it was logged. The future completes with the copy's MsgKey, or null
   * when it was not sent.
   */
  CompletableFuture<String> send(String to, List<MessageElem> elements, BooleanSupplier withdrawn,
      Consumer<Throwable> onFailure) {
    CompletableFuture<String> next = tails.compute(to, (k, tail) ->
        (tail == null ? CompletableFuture.<String>completedFuture(null) : tail)
            .handle((v, e) -> null)
            .thenCompose(x -> withdrawn.getAsBoolean() ? CompletableFuture.<String>completedFuture(null) : deliver(to, elements)));
    next.whenComplete((v, e) -> tails.remove(to, next));
    return next.handle((key, e) -> {
      if (e == null) {
        return key;
      }
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      log.warn("desk: a message to {} ({} element(s)) was not delivered: {}", to, elements.size(), cause.toString());
      meters.counter("timbot.service.send.failures").increment();
      onFailure.accept(cause);
      return null;
    });
  }

  private CompletableFuture<String> deliver(String to, List<MessageElem> elements) {
    try {
      CompletableFuture<String> f = out.send(to, elements);
      return f == null ? CompletableFuture.completedFuture(null) : f;
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
