package dev.timbot.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.Outgoing;
import dev.timbot.internal.callback.CallbackParser;
import dev.timbot.internal.json.WireJson;
import dev.timbot.internal.outbox.OutgoingCodec;
import dev.timbot.internal.rest.MessageCalls;
import dev.timbot.internal.rest.RestRequest;
import dev.timbot.message.Conversation;
import dev.timbot.message.TextElem;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.ImMessages.SendMessage;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codecs an echoed message passes through, one by one, for {@code -prof gc}: the callback
 * bound from bytes, the outbox's encoding of the reply (and back), and the {@code sendmsg} body
 * written and its answer read (the transport replaced by a function answering a fixed envelope).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@State(Scope.Thread)
public class CodecBench {
  final CallbackTemplate template = new CallbackTemplate("u", "bench_bot");
  final Outgoing reply = new Outgoing(Conversation.c2c("u0001"), List.of(TextElem.of("echo: hello there, message 1")), null);
  final byte[] stored = OutgoingCodec.encode(reply);
  final ObjectNode envelope = answer();
  final MessageCalls calls = new MessageCalls(this::send, new Random(1), BotClock.system());
  final SendMessage send = SendMessage.builder().from("bench_bot").to("u0001").msgSeq(12L).msgRandom(34L)
      .elements(reply.elements()).build();
  long seq;
  int bodyLength;

  private static ObjectNode answer() {
    try {
      return (ObjectNode) WireJson.mapper().readTree(
          "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0,\"MsgTime\":1767225600,"
              + "\"MsgKey\":\"1_2_3\",\"MsgId\":\"144115-1-2\"}");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private CompletableFuture<ObjectNode> send(RestRequest request) {
    bodyLength = request.body().length();
    return CompletableFuture.completedFuture(envelope);
  }

  @Benchmark
  public Object callbackParse() throws Exception {
    return CallbackParser.parse("Bot.OnC2CMessage", template.render(seq++, 1));
  }

  @Benchmark
  public Object outboxEncode() {
    return OutgoingCodec.encode(reply);
  }

  @Benchmark
  public Object outboxDecode() {
    return OutgoingCodec.decode(stored);
  }

  @Benchmark
  public Object sendmsgBody() {
    return calls.send(send).join();
  }
}
