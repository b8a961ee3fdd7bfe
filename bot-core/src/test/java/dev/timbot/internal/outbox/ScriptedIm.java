package dev.timbot.internal.outbox;

import dev.timbot.spi.ImClient;
import dev.timbot.spi.ImAdmin.RoamMessage;
import dev.timbot.spi.ImAdmin.RoamPage;
import dev.timbot.spi.ImMessages.SendMessage;
import dev.timbot.spi.ImMessages.SendResult;
import dev.timbot.message.Conversation;
import dev.timbot.message.Message;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * An {@link ImClient} for outbox tests: records every {@code sendmsg} attempt, answers from a
 * script (a queue of failures, then success), and keeps what "landed" for {@code admin_getroammsg}.
 */
final class ScriptedIm {
  final List<SendMessage> attempts = new ArrayList<>();
  final List<SendMessage> landed = new ArrayList<>();
  final Deque<Supplier<RuntimeException>> failures = new ArrayDeque<>();
  /** When true, a successful send lands but its answer is lost (a transport failure is returned). */
  boolean loseAnswers;
  int roamQueries;

  static RuntimeException outageFailure() {
    return new dev.timbot.internal.rest.TransportException("HTTP 500", true, false, null);
  }

  ImClient client() {
    return (ImClient) Proxy.newProxyInstance(ImClient.class.getClassLoader(), new Class<?>[] {ImClient.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "sendMessage" -> send((SendMessage) args[0]);
          case "getRoamMessages" -> roam();
          case "toString" -> "ScriptedIm";
          case "hashCode" -> 0;
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private synchronized CompletableFuture<SendResult> send(SendMessage m) {
    attempts.add(m);
    Supplier<RuntimeException> failure = failures.poll();
    if (failure != null) {
      return CompletableFuture.failedFuture(failure.get());
    }
    landed.add(m);
    if (loseAnswers) {
      return CompletableFuture.failedFuture(new dev.timbot.internal.rest.TransportException(
          "connection reset", true, true, null));
    }
    return CompletableFuture.completedFuture(
        new SendResult("key" + landed.size(), Instant.EPOCH, null, m.msgSeq(), m.msgRandom()));
  }

  private synchronized CompletableFuture<RoamPage> roam() {
    roamQueries++;
    List<RoamMessage> messages = landed.stream().map(m -> new RoamMessage(Message.builder()
        .conversation(Conversation.c2c(m.to())).from(m.from()).to(m.to()).msgSeq(m.msgSeq()).msgRandom(m.msgRandom())
        .time(Instant.EPOCH).build(), 0, false)).toList();
    return CompletableFuture.completedFuture(new RoamPage(true, Instant.EPOCH, null, messages));
  }
}
