package dev.timbot.plugins.service;

import com.google.inject.Inject;
import dev.timbot.BotClock;
import dev.timbot.BotEvent;
import dev.timbot.BotEvents;
import dev.timbot.Context;
import dev.timbot.Messenger;
import dev.timbot.im.ImClient;
import dev.timbot.message.Message;
import dev.timbot.plugins.autoreply.AutoReplyPlugin;
import dev.timbot.message.Conversation;
import dev.timbot.plugin.Handlers;
import dev.timbot.plugin.Plugin;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Human handoff as a timbot plugin. An inbound interceptor gives every C2C message to the {@link
 * ServiceDesk} first: agents' chats with the bot, customers talking to a human, waiting in the
 * queue, leaving a message or rating are consumed there, so auto-reply and FAQ stay silent for
 * those conversations. Agent presence comes from {@code USER_STATUS_UPDATED} and, at start, from
 * {@code query_online_status}.
 */
public final class ServicePlugin implements Plugin {
  private static final Logger log = LoggerFactory.getLogger(ServicePlugin.class);

  private final ServiceDesk desk;
  private volatile BooleanSupplier open;
  private final BotEvents events;
  private final ImClient im;
  private final List<Predicate<Message>> passThrough = new CopyOnWriteArrayList<>();
  private AutoCloseable presence;

  @Inject
  public ServicePlugin(ServiceSettings settings, Messenger messenger, BotClock clock, MeterRegistry meters,
      BotEvents events, ImClient im) {
    this(settings, messenger, clock, meters, events, im, () -> true);
  }

  /**
   * When the auto-reply plugin is installed, its working hours decide when humans are there:
   * outside them a handoff gets the out-of-hours tip and leave-a-message mode.
   */
  @Inject(optional = true)
  void workingHours(AutoReplyPlugin autoReply) {
    this.open = autoReply.engine()::isOpen;
  }

  /** With working hours: outside them a handoff gets the out-of-hours tip and leave-a-message. */
  public ServicePlugin(ServiceSettings settings, Messenger messenger, BotClock clock, MeterRegistry meters,
      BotEvents events, ImClient im, BooleanSupplier open) {
    this.events = events;
    this.im = im;
    DeskStore store = settings.store().equalsIgnoreCase("memory")
        ? new InMemoryDeskStore() : new JsonFileDeskStore(Path.of(settings.store()));
    this.open = open;
    this.desk = ServiceDesk.builder().config(settings.toConfig())
        .outbox((to, elements) -> messenger.send(Conversation.c2c(to), elements))
        .clock(clock).store(store).meterRegistry(meters)
        .openWhen(() -> this.open.getAsBoolean()) // read late: the schedule may be injected after construction
        .build();
  }

  @Override
  public String name() {
    return "service";
  }

  @Override
  public void configure(Handlers on) {
    on.intercept(chain -> {
      Context ctx = chain.context();
      Message m = ctx.message();
      if (!ctx.isGroup() && passThrough.stream().noneMatch(p -> p.test(m))
          && (desk.onMessage(ctx.sender(), m) || desk.rejectAgentCommand(ctx.sender(), m))) {
        return; // the desk owns this conversation now
      }
      chain.proceed();
    });
  }

  @Override
  public void start() {
    presence = events.on(BotEvent.USER_STATUS_UPDATED, e -> desk.onPresence(e.userId(), e.online()));
    if (!desk.agentIds().isEmpty()) {
      im.queryOnlineStatus(desk.agentIds())
          // PushOnline (app in the background) cannot chat, so only Online counts.
          .thenAccept(r -> r.statuses().forEach(s -> desk.onPresence(s.account(), s.online())))
          .exceptionally(e -> {
            log.warn("could not query the agents' online status; waiting for their logins: {}", e.toString());
            return null;
          });
    }
  }

  @Override
  public void stop() throws Exception {
    if (presence != null) {
      presence.close();
    }
    desk.stop();
  }

  /**
   * Messages the desk must leave to the bot even while a human owns the conversation — e.g. call
   * signals, which the calls plugin relays itself.
   */
  public void passThrough(Predicate<Message> messages) {
    passThrough.add(messages);
  }

  /** The desk, for other plugins (FAQ give-ups, the calls relay) and tests. */
  public ServiceDesk desk() {
    return desk;
  }
}
