package dev.timbot.internal.runtime;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.SessionStore;
import dev.timbot.internal.dispatch.HandlerRegistry;
import dev.timbot.internal.session.AskRegistry;
import dev.timbot.spi.ImClient;
import java.util.List;

/** What a handler's {@link dev.timbot.Context} needs from the runtime, in one place. */
public record Services(
    String self,
    BotClock clock,
    ImClient im,
    Outbox outbox,
    SessionStore sessions,
    AskRegistry asks,
    ProfileCache profiles,
    MediaSupport media,
    HandlerRegistry registry,
    List<String> commandPrefixes) {}
