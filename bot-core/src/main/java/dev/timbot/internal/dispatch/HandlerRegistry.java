package dev.timbot.internal.dispatch;

import dev.timbot.MatchTrace.Verdict;
import dev.timbot.message.CustomElem;
import dev.timbot.message.FaceElem;
import dev.timbot.message.FileElem;
import dev.timbot.message.ImageElem;
import dev.timbot.message.LocationElem;
import dev.timbot.message.Message;
import dev.timbot.message.MessageElem;
import dev.timbot.message.SoundElem;
import dev.timbot.message.TextElem;
import dev.timbot.message.VideoFileElem;
import dev.timbot.Handlers.CustomDecoder;
import dev.timbot.Handlers.CustomEncoder;
import dev.timbot.Handlers.Handler;
import dev.timbot.HandlerOptions;
import dev.timbot.Handlers;
import dev.timbot.Interceptor;
import java.util.concurrent.CompletableFuture;
import dev.timbot.SentMessage;
import dev.timbot.Outgoing;
import dev.timbot.Context;
import dev.timbot.Handlers.TypedHandler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Every plugin's registrations: handlers (kept sorted by priority, then registration order),
 * custom decoders/encoders and interceptors. Plugins register through {@link #forPlugin}; after
 * {@link #freeze()} the tables are read-only and safe to share between lanes.
 */
public final class HandlerRegistry {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private final List<HandlerDef> handlers = new ArrayList<>();
  private final Map<Class<?>, List<CustomDecoder<?>>> decoders = new LinkedHashMap<>();
  private final Map<Class<?>, CustomEncoder<?>> encoders = new LinkedHashMap<>();
  // Copied when a plugin registers (rarely), not when a message reads them (always).
  private volatile List<Interceptor<Context, Void>> interceptors = List.of();
  private volatile List<Interceptor<Outgoing, CompletableFuture<SentMessage>>> outbound = List.of();
  private final List<Class<?>> typedHandlerTypes = new ArrayList<>();
  private final Map<String, Handlers.TimerHandler> timers = new LinkedHashMap<>();
  private List<HandlerDef> sorted = List.of();
  private boolean anyWantsAll;
  private boolean anyObserver;
  private boolean frozen;
  private final CapabilityRegistry capabilities;

  public HandlerRegistry(CapabilityRegistry capabilities) {
    this.capabilities = capabilities;
  }

  /** The registration API as one plugin sees it: handler names carry the plugin's name. */
  public Handlers forPlugin(String pluginName) {
    return new PluginHandlers(pluginName);
  }

  /** Validates and freezes the tables. */
  public void freeze() {
    for (Class<?> type : typedHandlerTypes) {
      if (!decoders.containsKey(type)) {
        throw new IllegalStateException(
            "custom(" + type.getSimpleName() + ".class, ...) has no decoder: register one with on.decoder("
                + type.getSimpleName() + ".class, ...)");
      }
    }
    // Two handlers for one command usually mean two plugins disagree; say so at startup rather
    // than leave the user to find out from a trace.
    Map<String, List<String>> commands = new LinkedHashMap<>();
    for (HandlerDef h : handlers) {
      if (h.kind().startsWith("command:")) {
        commands.computeIfAbsent(h.kind(), k -> new ArrayList<>()).add(h.name());
      }
    }
    commands.forEach((kind, names) -> {
      if (names.size() > 1) {
        org.slf4j.LoggerFactory.getLogger(HandlerRegistry.class)
            .warn("{} is handled by {} handlers: {} (all that match run, by priority)", kind, names.size(), names);
      }
    });
    handlers.forEach(HandlerDef::freeze);
    List<HandlerDef> copy = new ArrayList<>(handlers);
    copy.sort(Comparator.comparingInt((HandlerDef h) -> h.priority()).thenComparingInt(HandlerDef::tier)
        .thenComparingInt(HandlerDef::order));
    sorted = List.copyOf(copy);
    // Asked per group message: answered once here.
    anyWantsAll = sorted.stream().anyMatch(HandlerDef::wantsAllGroupMessages);
    anyObserver = sorted.stream().anyMatch(HandlerDef::isObserver);
    frozen = true;
  }

  /** The plugins' durable timer handlers by key prefix. */
  public Map<String, Handlers.TimerHandler> timers() {
    return Map.copyOf(timers);
  }

  public List<HandlerDef> handlers() {
    return sorted;
  }

  public List<Interceptor<Context, Void>> interceptors() {
    return interceptors;
  }

  public List<Interceptor<Outgoing, CompletableFuture<SentMessage>>> outboundInterceptors() {
    return outbound;
  }

  public Map<Class<?>, List<CustomDecoder<?>>> decoders() {
    return decoders;
  }

  /** The encoder registered for {@code type} or one of its supertypes. */
  @SuppressWarnings("unchecked")
  public <T> Optional<CustomEncoder<T>> encoder(Class<?> type) {
    for (Map.Entry<Class<?>, CustomEncoder<?>> e : encoders.entrySet()) {
      if (e.getKey().isAssignableFrom(type)) {
        return Optional.of((CustomEncoder<T>) e.getValue());
      }
    }
    return Optional.empty();
  }

  public boolean anyWantsAllGroupMessages() {
    return anyWantsAll;
  }

  public boolean anyObserver() {
    return anyObserver;
  }

  /** Decodes the first custom element with every registered decoder. */
  public void decode(Message message, Map<Class<?>, Object> decoded, Map<Class<?>, String> notes) {
    Optional<CustomElem> custom = message.first(CustomElem.class);
    if (custom.isEmpty()) {
      return;
    }
    for (Map.Entry<Class<?>, List<CustomDecoder<?>>> e : decoders.entrySet()) {
      for (CustomDecoder<?> decoder : e.getValue()) {
        try {
          Optional<?> result = decoder.decode(custom.get());
          if (result != null && result.isPresent()) {
            decoded.put(e.getKey(), result.get());
            notes.remove(e.getKey());
            break;
          }
          notes.putIfAbsent(e.getKey(), "decoder declined the data");
        } catch (Exception ex) {
          // Undecodable data is not an error: it falls through to plain custom handlers.
          notes.put(e.getKey(), "decoder failed: " + ex.getClass().getSimpleName()
              + (ex.getMessage() == null ? "" : " " + firstLine(ex.getMessage())));
        }
      }
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static Match byType(MatchInput in, Class<? extends MessageElem> type, String what) {
    return in.message().has(type) ? Match.YES : Match.no(Verdict.WRONG_TYPE, "no " + what + " element");
  }

  private final class PluginHandlers implements Handlers {
    private final String plugin;

    PluginHandlers(String plugin) {
      this.plugin = plugin;
    }

    private HandlerDef add(String kind, MatchHint hint, Matcher matcher, HandlerDef.Invoker invoker) {
      if (frozen) {
        throw new IllegalStateException("handlers can only be registered in Plugin.configure");
      }
      HandlerDef def = new HandlerDef(plugin, kind, handlers.size(), hint, matcher, invoker);
      handlers.add(def);
      return def;
    }

    private HandlerDef simple(String kind, MatchHint hint, Matcher matcher, Handler handler) {
      Objects.requireNonNull(handler, "handler");
      return add(kind, hint, matcher, (ctx, m) -> handler.handle(ctx));
    }

    private HandlerDef typed(String kind, Class<? extends MessageElem> type, String what, Handler handler) {
      return simple(kind, new MatchHint.Types(DispatchPlan.typeBit(type), true),
          in -> HandlerRegistry.byType(in, type, what), handler);
    }

    @Override
    public HandlerOptions message(Handler handler) {
      return simple("message", new MatchHint.Types(0, true), in -> Match.YES, handler);
    }

    @Override
    public HandlerOptions text(Handler handler) {
      return typed("text", TextElem.class, "text", handler);
    }

    @Override
    public HandlerOptions image(Handler handler) {
      return typed("image", ImageElem.class, "image", handler);
    }

    @Override
    public HandlerOptions file(Handler handler) {
      return typed("file", FileElem.class, "file", handler);
    }

    @Override
    public HandlerOptions sound(Handler handler) {
      return typed("sound", SoundElem.class, "sound", handler);
    }

    @Override
    public HandlerOptions video(Handler handler) {
      return typed("video", VideoFileElem.class, "video", handler);
    }

    @Override
    public HandlerOptions face(Handler handler) {
      return typed("face", FaceElem.class, "face", handler);
    }

    @Override
    public HandlerOptions location(Handler handler) {
      return typed("location", LocationElem.class, "location", handler);
    }

    @Override
    public HandlerOptions custom(Handler handler) {
      return simple(
          "custom",
          new MatchHint.Opaque(DispatchPlan.CUSTOM),
          in -> {
            Match m = byType(in, CustomElem.class, "custom");
            if (!m.matched()) {
              return m;
            }
            if (!in.decoded().isEmpty()) {
              return Match.no(
                  Verdict.DECODED_AS_TYPE,
                  "decoded as " + in.decoded().keySet().stream().map(Class::getSimpleName).toList());
            }
            return Match.YES;
          },
          handler);
    }

    @Override
    public <T> HandlerOptions custom(Class<T> type, TypedHandler<T> handler) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(handler, "handler");
      typedHandlerTypes.add(type);
      return add(
          "custom:" + type.getSimpleName(),
          new MatchHint.Opaque(DispatchPlan.CUSTOM),
          in -> {
            Match m = byType(in, CustomElem.class, "custom");
            if (!m.matched()) {
              return m;
            }
            Object payload = in.decoded().get(type);
            if (payload == null) {
              String note = in.decodeNotes().get(type);
              return Match.no(
                  Verdict.NOT_DECODED,
                  "not a " + type.getSimpleName() + (note == null ? "" : " (" + note + ")"));
            }
            return Match.payload(payload);
          },
          (ctx, m) -> handler.handle(ctx, type.cast(m.payload())));
    }

    @Override
    public HandlerOptions command(String name, Handler handler) {
      if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("a command name is one word: '" + name + "'");
      }
      return simple(
          "command:" + name,
          new MatchHint.Command(name),
          in -> {
            if (!in.message().has(TextElem.class)) {
              return Match.no(Verdict.WRONG_TYPE, "no text element");
            }
            String text = in.text().strip();
            for (String prefix : in.commandPrefixes()) {
              if (text.startsWith(prefix)) {
                String rest = text.substring(prefix.length());
                String[] parts = WHITESPACE.split(rest, 2);
                if (!parts[0].equals(name)) {
                  return Match.no(
                      Verdict.OTHER_COMMAND, "command was '" + parts[0] + "', wanted '" + name + "'");
                }
                String argText = parts.length > 1 ? parts[1].strip() : "";
                return Match.command(CommandLine.split(argText), argText);
              }
            }
            return Match.no(
                Verdict.NO_COMMAND_PREFIX, "text does not start with any of " + in.commandPrefixes());
          },
          handler);
    }

    @Override
    public HandlerOptions keyword(String keyword, Handler handler) {
      String lower = keyword.toLowerCase(Locale.ROOT);
      return simple(
          "keyword:" + keyword,
          new MatchHint.Keyword(lower),
          in -> {
            if (!in.message().has(TextElem.class)) {
              return Match.no(Verdict.WRONG_TYPE, "no text element");
            }
            return in.text().toLowerCase(Locale.ROOT).contains(lower)
                ? Match.YES
                : Match.no(Verdict.NO_KEYWORD, "'" + keyword + "' not in text");
          },
          handler);
    }

    @Override
    public HandlerOptions regex(String regex, Handler handler) {
      return regex(Pattern.compile(regex), handler);
    }

    @Override
    public HandlerOptions regex(Pattern regex, Handler handler) {
      return simple(
          "regex:" + regex.pattern(),
          new MatchHint.Regex(regex),
          in -> {
            if (!in.message().has(TextElem.class)) {
              return Match.no(Verdict.WRONG_TYPE, "no text element");
            }
            java.util.regex.Matcher m = regex.matcher(in.text());
            return m.find()
                ? Match.regex(m.toMatchResult())
                : Match.no(Verdict.REGEX_MISMATCH, "/" + regex.pattern() + "/ not found in text");
          },
          handler);
    }

    @Override
    public HandlerOptions when(Predicate<Message> predicate, Handler handler) {
      Objects.requireNonNull(predicate, "predicate");
      return simple(
          "when",
          MatchHint.OPAQUE,
          in -> {
            try {
              return predicate.test(in.message())
                  ? Match.YES
                  : Match.no(Verdict.PREDICATE_FALSE, "predicate returned false");
            } catch (RuntimeException e) {
              return Match.no(Verdict.PREDICATE_FALSE, "predicate threw " + e);
            }
          },
          handler);
    }

    @Override
    public <T> HandlerOptions match(Function<Message, Optional<T>> matcher, TypedHandler<T> handler) {
      Objects.requireNonNull(matcher, "matcher");
      Objects.requireNonNull(handler, "handler");
      return add(
          "match",
          MatchHint.OPAQUE,
          in -> {
            try {
              Optional<T> found = matcher.apply(in.message());
              return found != null && found.isPresent()
                  ? Match.payload(found.get())
                  : Match.no(Verdict.PREDICATE_FALSE, "matcher found nothing");
            } catch (RuntimeException e) {
              return Match.no(Verdict.PREDICATE_FALSE, "matcher threw " + e);
            }
          },
          (ctx, m) -> {
            @SuppressWarnings("unchecked")
            T found = (T) m.payload();
            handler.handle(ctx, found);
          });
    }

    @Override
    public <T> void decoder(Class<T> type, CustomDecoder<T> decoder) {
      if (frozen) {
        throw new IllegalStateException("decoders can only be registered in Plugin.configure");
      }
      decoders.computeIfAbsent(type, k -> new ArrayList<>()).add(decoder);
    }

    @Override
    public <T> void encoder(Class<T> type, CustomEncoder<T> encoder) {
      if (frozen) {
        throw new IllegalStateException("encoders can only be registered in Plugin.configure");
      }
      encoders.put(type, encoder);
    }

    @Override
    public void intercept(Interceptor<Context, Void> interceptor) {
      interceptors = append(interceptors, Objects.requireNonNull(interceptor));
    }

    @Override
    public void interceptOutbound(Interceptor<Outgoing, CompletableFuture<SentMessage>> interceptor) {
      outbound = append(outbound, Objects.requireNonNull(interceptor));
    }

    @Override
    public <T> void provide(Class<T> contract, T implementation) {
      if (frozen) {
        throw new IllegalStateException("capabilities can only be provided in Plugin.configure");
      }
      capabilities.provide(plugin, contract, implementation);
    }

    @Override
    public void timers(String prefix, Handlers.TimerHandler handler) {
      if (frozen) {
        throw new IllegalStateException("timers can only be registered in Plugin.configure");
      }
      if (prefix == null || prefix.isEmpty()) {
        throw new IllegalArgumentException("plugin " + plugin + ": a timer prefix must not be empty");
      }
      if (timers.putIfAbsent(prefix, Objects.requireNonNull(handler, "handler")) != null) {
        throw new IllegalStateException("timer prefix " + prefix + " has a handler already");
      }
    }
  }

  private static synchronized <T> List<T> append(List<T> list, T item) {
    List<T> copy = new ArrayList<>(list);
    copy.add(item);
    return List.copyOf(copy);
  }
}
