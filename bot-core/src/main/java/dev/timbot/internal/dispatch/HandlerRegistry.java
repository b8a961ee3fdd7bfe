package dev.timbot.internal.dispatch;

import dev.timbot.Context;
import dev.timbot.Handlers;
import dev.timbot.Handlers.CustomEncoder;
import dev.timbot.Interceptor;
import dev.timbot.Outgoing;
import dev.timbot.SentMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Every plugin's registrations: handlers (kept sorted by priority, then registration order),
 * custom decoders/encoders, interceptors and timer handlers. Plugins register through {@link
 * #forPlugin} ({@link PluginHandlers}); {@link #freeze()} checks the whole and makes the tables
 * read-only, safe to share between lanes.
 */
public final class HandlerRegistry {
  private final List<HandlerDef> handlers = new ArrayList<>();
  private final CustomDecoders decoders = new CustomDecoders();
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
    return new PluginHandlers(this, pluginName);
  }

  /** Validates and freezes the tables. */
  public void freeze() {
    for (Class<?> type : typedHandlerTypes) {
      if (!decoders.has(type)) {
        throw new IllegalStateException(
            "custom(" + type.getSimpleName() + ".class, ...) has no decoder: register one with on.decoder("
                + type.getSimpleName() + ".class, ...)");
      }
    }
    warnOfSharedCommands();
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

  /**
   * Two handlers for one command usually mean two plugins disagree; say so at startup rather than
   * leave the user to find out from a trace.
   */
  private void warnOfSharedCommands() {
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

  public CustomDecoders decoders() {
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

  // What PluginHandlers records; only while the plugins configure, except the interceptors.

  /** Throws once the tables are frozen: {@code what} can only happen in Plugin.configure. */
  void requireConfiguring(String what) {
    if (frozen) {
      throw new IllegalStateException(what + " in Plugin.configure");
    }
  }

  HandlerDef add(String plugin, String kind, MatchHint hint, Matcher matcher, HandlerDef.Invoker invoker) {
    requireConfiguring("handlers can only be registered");
    HandlerDef def = new HandlerDef(plugin, kind, handlers.size(), hint, matcher, invoker);
    handlers.add(def);
    return def;
  }

  /** A typed custom handler needs a decoder for {@code type} by the time the registry freezes. */
  void needsDecoder(Class<?> type) {
    typedHandlerTypes.add(type);
  }

  void addEncoder(Class<?> type, CustomEncoder<?> encoder) {
    encoders.put(type, encoder);
  }

  void addInterceptor(Interceptor<Context, Void> interceptor) {
    interceptors = append(interceptors, interceptor);
  }

  void addOutboundInterceptor(Interceptor<Outgoing, CompletableFuture<SentMessage>> interceptor) {
    outbound = append(outbound, interceptor);
  }

  void addTimers(String prefix, Handlers.TimerHandler handler) {
    if (timers.putIfAbsent(prefix, handler) != null) {
      throw new IllegalStateException("timer prefix " + prefix + " has a handler already");
    }
  }

  CapabilityRegistry capabilities() {
    return capabilities;
  }

  private static synchronized <T> List<T> append(List<T> list, T item) {
    List<T> copy = new ArrayList<>(list);
    copy.add(item);
    return List.copyOf(copy);
  }
}
