package dev.timbot.plugins.service;

import dev.timbot.message.TextElem;
import dev.timbot.spi.BotClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What the desk's sides ({@link CustomerSide}, {@link AgentSide}, {@link Handoffs}, {@link
 * DeskRelay}) share: the settings and the collaborators that hold the state. Guarded by the
 * desk's lock, like everything they touch.
 */
final class DeskParts {
  final ServiceConfig config;
  final DeskTexts texts;
  final BotClock clock;
  final MeterRegistry meters;
  final BooleanSupplier open;
  final AssignmentPolicy policy;
  final AgentPool agents;
  final Phrases handoffPhrases;
  final Phrases endPhrases;
  final DeskSender sender;
  final DeskJournal journal;
  final WaitingRoom waiting;
  final Sessions sessions;
  final Ratings ratings;
  final LeftMessages leftMessages;
  final HandoffOffers offers;
  final RecentHistory history;
  private long sequence;

  DeskParts(ServiceConfig config, BotClock clock, MeterRegistry meters, BooleanSupplier open, DeskSender sender,
      DeskJournal journal, WaitingRoom waiting, Sessions sessions, Ratings ratings) {
    this.config = config;
    this.texts = config.texts();
    this.clock = clock;
    this.meters = meters;
    this.open = open;
    this.policy = new AssignmentPolicy(config);
    this.agents = policy.agents();
    this.handoffPhrases = new Phrases(config.handoffPhrases());
    this.endPhrases = new Phrases(config.endPhrases());
    this.sender = sender;
    this.journal = journal;
    this.waiting = waiting;
    this.sessions = sessions;
    this.ratings = ratings;
    this.leftMessages = new LeftMessages(clock);
    this.offers = new HandoffOffers(clock, config.faqGiveUpsBeforeHandoff());
    this.history = new RecentHistory(clock, config.historySize());
  }

  void say(String to, String text) {
    sender.say(to, List.of(TextElem.of(text)));
  }

  /** The next number of the desk's sequence (session IDs, queue order); saved with the state. */
  long next() {
    return ++sequence;
  }

  long sequence() {
    return sequence;
  }

  void restoreSequence(long value) {
    sequence = value;
  }
}
