package dev.timbot.internal.dispatch;

import dev.timbot.Context;
import dev.timbot.HandlerOptions;
import dev.timbot.Handlers;
import dev.timbot.Interceptor;
import dev.timbot.Outgoing;
import dev.timbot.SentMessage;
import dev.timbot.message.FaceElem;
import dev.timbot.message.FileElem;
import dev.timbot.message.ImageElem;
import dev.timbot.message.LocationElem;
import dev.timbot.message.Message;
import dev.timbot.message.MessageElem;
import dev.timbot.message.SoundElem;
import dev.timbot.message.TextElem;
import dev.timbot.message.VideoFileElem;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The registration API as one plugin sees it ({@link HandlerRegistry#forPlugin}): each call checks
 * its arguments, pairs the kind's {@link BuiltInMatchers matcher} with the {@link MatchHint} the
 * dispatch plan compiles, and records it in the registry under the plugin's name.
 */
final class PluginHandlers implements Handlers {
  private final HandlerRegistry registry;
  private final String plugin;

  PluginHandlers(HandlerRegistry registry, String plugin) {
    this.registry = registry;
    this.plugin = plugin;
  }

  private HandlerDef simple(String kind, MatchHint hint, Matcher matcher, Handler handler) {
    Objects.requireNonNull(handler, "handler");
    return registry.add(plugin, kind, hint, matcher, (ctx, m) -> handler.handle(ctx));
  }

  private HandlerDef typed(String kind, Class<? extends MessageElem> type, Handler handler) {
    return simple(kind, new MatchHint.Types(DispatchPlan.typeBit(type), true),
        BuiltInMatchers.ofType(type, kind), handler);
  }

  @Override
  public HandlerOptions message(Handler handler) {
    return simple("message", new MatchHint.Types(0, true), BuiltInMatchers.any(), handler);
  }

  @Override
  public HandlerOptions text(Handler handler) {
    return typed("text", TextElem.class, handler);
  }

  @Override
  public HandlerOptions image(Handler handler) {
    return typed("image", ImageElem.class, handler);
  }

  @Override
  public HandlerOptions file(Handler handler) {
    return typed("file", FileElem.class, handler);
  }

  @Override
  public HandlerOptions sound(Handler handler) {
    return typed("sound", SoundElem.class, handler);
  }

  @Override
  public HandlerOptions video(Handler handler) {
    return typed("video", VideoFileElem.class, handler);
  }

  @Override
  public HandlerOptions face(Handler handler) {
    return typed("face", FaceElem.class, handler);
  }

  @Override
  public HandlerOptions location(Handler handler) {
    return typed("location", LocationElem.class, handler);
  }

  @Override
  public HandlerOptions custom(Handler handler) {
    return simple("custom", new MatchHint.Opaque(DispatchPlan.CUSTOM), BuiltInMatchers.undecodedCustom(), handler);
  }

  @Override
  public <T> HandlerOptions custom(Class<T> type, TypedHandler<T> handler) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(handler, "handler");
    registry.needsDecoder(type);
    return registry.add(plugin, "custom:" + type.getSimpleName(), new MatchHint.Opaque(DispatchPlan.CUSTOM),
        BuiltInMatchers.decodedAs(type), (ctx, m) -> handler.handle(ctx, type.cast(m.payload())));
  }

  @Override
  public HandlerOptions command(String name, Handler handler) {
    if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("a command name is one word: '" + name + "'");
    }
    return simple("command:" + name, new MatchHint.Command(name), BuiltInMatchers.command(name), handler);
  }

  @Override
  public HandlerOptions keyword(String keyword, Handler handler) {
    String lower = keyword.toLowerCase(Locale.ROOT);
    return simple("keyword:" + keyword, new MatchHint.Keyword(lower), BuiltInMatchers.keyword(keyword, lower), handler);
  }

  @Override
  public HandlerOptions regex(String regex, Handler handler) {
    return regex(Pattern.compile(regex), handler);
  }

  @Override
  public HandlerOptions regex(Pattern regex, Handler handler) {
    return simple("regex:" + regex.pattern(), new MatchHint.Regex(regex), BuiltInMatchers.regex(regex), handler);
  }

  @Override
  public HandlerOptions when(Predicate<Message> predicate, Handler handler) {
    Objects.requireNonNull(predicate, "predicate");
    return simple("when", MatchHint.OPAQUE, BuiltInMatchers.when(predicate), handler);
  }

  @Override
  public <T> HandlerOptions match(Function<Message, Optional<T>> matcher, TypedHandler<T> handler) {
    Objects.requireNonNull(matcher, "matcher");
    Objects.requireNonNull(handler, "handler");
    return registry.add(plugin, "match", MatchHint.OPAQUE, BuiltInMatchers.extracting(matcher), (ctx, m) -> {
      @SuppressWarnings("unchecked")
      T found = (T) m.payload();
      handler.handle(ctx, found);
    });
  }

  @Override
  public <T> void decoder(Class<T> type, CustomDecoder<T> decoder) {
    registry.requireConfiguring("decoders can only be registered");
    registry.decoders().add(type, decoder);
  }

  @Override
  public <T> void encoder(Class<T> type, CustomEncoder<T> encoder) {
    registry.requireConfiguring("encoders can only be registered");
    registry.addEncoder(type, encoder);
  }

  @Override
  public void intercept(Interceptor<Context, Void> interceptor) {
    registry.addInterceptor(Objects.requireNonNull(interceptor));
  }

  @Override
  public void interceptOutbound(Interceptor<Outgoing, CompletableFuture<SentMessage>> interceptor) {
    registry.addOutboundInterceptor(Objects.requireNonNull(interceptor));
  }

  @Override
  public <T> void provide(Class<T> contract, T implementation) {
    registry.requireConfiguring("capabilities can only be provided");
    registry.capabilities().provide(plugin, contract, implementation);
  }

  @Override
  public void timers(String prefix, TimerHandler handler) {
    registry.requireConfiguring("timers can only be registered");
    if (prefix == null || prefix.isEmpty()) {
      throw new IllegalArgumentException("plugin " + plugin + ": a timer prefix must not be empty");
    }
    registry.addTimers(prefix, Objects.requireNonNull(handler, "handler"));
  }
}
