package dev.timbot;

import dev.timbot.Handlers.Handler;
import dev.timbot.Handlers.TypedHandler;
import dev.timbot.Handlers.CustomDecoder;
import dev.timbot.Handlers.CustomEncoder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.timbot.message.CustomElem;
import dev.timbot.message.Message;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Where a plugin registers what it reacts to. Each registration returns {@link HandlerOptions}
 * to set priority, block, scope and timeout.
 *
 * <p>Defaults: C2C messages to the bot and group messages that @-mention it; priority {@value
 * HandlerOptions#DEFAULT_PRIORITY} (lower runs first, as in NoneBot); not blocking; the timeout
 * {@code dispatch.handlerTimeout}.
 */
public interface Handlers {

  /** Any message. */
  HandlerOptions message(Handler handler);

  /** Messages with a text element. */
  HandlerOptions text(Handler handler);

  HandlerOptions image(Handler handler);

  HandlerOptions file(Handler handler);

  HandlerOptions sound(Handler handler);

  HandlerOptions video(Handler handler);

  HandlerOptions face(Handler handler);

  HandlerOptions location(Handler handler);

  /**
   * Custom messages that no registered decoder recognised (fall-through). Decoded sub-protocols
   * go to typed handlers instead.
   */
  HandlerOptions custom(Handler handler);

  /** Custom messages decoded to {@code type} by a decoder registered with {@link #decoder}. */
  <T> HandlerOptions custom(Class<T> type, TypedHandler<T> handler);

  /**
   * {@code /name args…} with any of {@code dispatch.commandPrefixes}; arguments are split like a
   * shell ({@code "two words"} stays one) and available from {@code ctx.args()}.
   */
  HandlerOptions command(String name, Handler handler);

  /** Text containing {@code keyword} (case-insensitive). */
  HandlerOptions keyword(String keyword, Handler handler);

  /** Text where {@code regex} is found; groups from {@code ctx.match()}. */
  HandlerOptions regex(String regex, Handler handler);

  HandlerOptions regex(Pattern regex, Handler handler);

  /** Messages for which {@code predicate} holds (a throwing predicate counts as false). */
  HandlerOptions when(Predicate<Message> predicate, Handler handler);

  /**
   * Messages {@code matcher} finds something in: the handler gets what it found, computed once
   * per message (a lookup, a parsed order number). Empty, or a throwing matcher, is no match.
   */
  <T> HandlerOptions match(Function<Message, Optional<T>> matcher, TypedHandler<T> handler);

  /** Registers the decoder of a custom sub-protocol. Several decoders may target one type. */
  <T> void decoder(Class<T> type, CustomDecoder<T> decoder);

  /** Registers how {@code ctx.replyCustom(payload)} encodes payloads of {@code type}. */
  <T> void encoder(Class<T> type, CustomEncoder<T> encoder);

  /** Adds an inbound interceptor (runs before handler matching). */
  void intercept(Interceptor<Context, Void> interceptor);

  /** Adds an outbound interceptor (runs before each send). */
  void interceptOutbound(Interceptor<Outgoing, CompletableFuture<SentMessage>> interceptor);

  /**
   * Offers {@code implementation} to other plugins as {@code contract} (a core capability such as
   * {@link dev.timbot.HumanHandoff} or {@link dev.timbot.WorkingHours}); they find it through
   * {@link dev.timbot.Capabilities}. One provider per contract.
   */
  <T> void provide(Class<T> contract, T implementation);

  /**
   * Runs the store's durable timers whose key starts with {@code prefix} (e.g. {@code calls:}),
   * which the plugin arms with {@code store.timers().schedule(prefix + …, at, payload)}. The bot
   * polls them every second on its clock; a due timer is handed to one process of those sharing the
   * store, also when the process that armed it died, and is due again only if the process running
   * it dies before {@code handler} returns — so the handler re-checks from stored state that its
   * event is still due. It runs in a lane of its own key (timers of one key in order, never on
   * the clock's thread). One handler per prefix.
   */
  void timers(String prefix, TimerHandler handler);

  /** Handles one matched message. May throw: the failure is isolated and reported. */
  @FunctionalInterface
  public interface Handler {
    void handle(Context ctx) throws Exception;
  }

  /** Handles a custom message decoded to {@code T} by a {@link CustomDecoder}. */
  @FunctionalInterface
  public interface TypedHandler<T> {
    void handle(Context ctx, T payload) throws Exception;
  }

  /**
   * Recognises one custom sub-protocol and decodes it: empty (or an exception) means "not mine",
   * and the message falls through to plain {@code custom} handlers.
   */
  @FunctionalInterface
  public interface CustomDecoder<T> {
    Optional<T> decode(CustomElem elem) throws Exception;

    /**
     * A decoder for JSON {@code Data}: when {@code accepts} holds for the parsed JSON, the data is
     * mapped to {@code type} with Jackson (unknown fields ignored).
     */
    static <T> CustomDecoder<T> json(Class<T> type, Predicate<Map<String, Object>> accepts) {
      return elem -> {
        if (elem.data() == null || elem.data().isBlank()) {
          return Optional.empty();
        }
        JsonNode node = CustomJson.MAPPER.readTree(elem.data());
        if (node == null || !node.isObject()
            || !accepts.test(CustomJson.MAPPER.convertValue(node, CustomJson.OBJECT))) {
          return Optional.empty();
        }
        return Optional.of(CustomJson.MAPPER.treeToValue(node, type));
      };
    }
  }

  /** Runs one due durable timer (see {@link #timers}); once it returns the timer is done. */
  @FunctionalInterface
  public interface TimerHandler {
    void fire(dev.timbot.spi.Store.TimerStore.Due due) throws Exception;
  }

  /** Turns a typed payload into a custom element (the reverse of {@link CustomDecoder}). */
  @FunctionalInterface
  public interface CustomEncoder<T> {
    CustomElem encode(T payload) throws Exception;
  }
}
