package dev.timbot.internal.outbox;

import dev.timbot.internal.rest.Failures;
import dev.timbot.message.Message;
import dev.timbot.spi.ImAdmin.GroupHistoryMessage;
import dev.timbot.spi.ImAdmin.GroupHistoryPage;
import dev.timbot.spi.ImAdmin;
import dev.timbot.spi.Store.OutboxStore.Entry;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks for an earlier attempt of a group send in the group's history ({@code
 * group_msg_get_simple}, newest first, 20 per page): a message from the bot with the entry's
 * {@code MsgRandom}. Walks back until the messages are older than {@code since}, the history ends,
 * or {@link #PAGES} pages were read. A client without the call (a test double) means "not found".
 */
final class GroupHistorySearch {
  private static final Logger log = LoggerFactory.getLogger(GroupHistorySearch.class);
  static final int PAGES = 10;
  static final int PER_PAGE = 20;

  private final ImAdmin im;
  private final String self;
  private final AtomicBoolean unsupportedLogged = new AtomicBoolean();

  GroupHistorySearch(ImAdmin im, String self) {
    this.im = im;
    this.self = self;
  }

  /** The earlier attempt of {@code e} in group {@code groupId}, or null. */
  CompletableFuture<Message> find(String groupId, Entry e, Instant since) {
    return page(groupId, null, e, since, PAGES).exceptionallyCompose(error -> {
      if (Failures.unwrap(error) instanceof UnsupportedOperationException u) {
        if (unsupportedLogged.compareAndSet(false, true)) {
          log.info("group history cannot be checked before a late retry ({}); sending again", u.getMessage());
        }
        return CompletableFuture.completedFuture(null);
      }
      return CompletableFuture.failedFuture(error);
    });
  }

  private CompletableFuture<Message> page(String groupId, Long upTo, Entry e, Instant since, int pagesLeft) {
    CompletableFuture<GroupHistoryPage> call;
    try {
      call = im.getGroupHistory(groupId, upTo, PER_PAGE);
    } catch (RuntimeException ex) {
      call = CompletableFuture.failedFuture(ex);
    }
    return call.thenCompose(p -> {
      long oldestSeq = Long.MAX_VALUE;
      boolean older = false;
      for (GroupHistoryMessage h : p.messages()) {
        Message m = h.message();
        if (m.msgRandom() == e.msgRandom() && self.equals(m.from())) {
          return CompletableFuture.completedFuture(m);
        }
        oldestSeq = Math.min(oldestSeq, m.msgSeq());
        older |= m.time().isBefore(since);
      }
      if (p.messages().isEmpty() || older || oldestSeq <= 1 || pagesLeft <= 1) {
        return CompletableFuture.completedFuture(null);
      }
      return page(groupId, oldestSeq - 1, e, since, pagesLeft - 1);
    });
  }
}
