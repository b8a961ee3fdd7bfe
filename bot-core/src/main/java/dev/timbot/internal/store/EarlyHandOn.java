package dev.timbot.internal.store;

import java.util.concurrent.CompletableFuture;

/**
 * A journal whose entries may be handled as soon as they are written, before their commit: its
 * store puts what handling writes (dedupe claims, outbox records) into its maps only on the commit
 * thread, right before a commit ({@link GroupCommit}, "Staged writes"), so none of it is ever
 * durable without the entry. The entry and its replies' records then share one commit where they
 * took two in series (issue 15): the entry's commit may wait a little for the record ({@link
 * GroupCommit}, "Lingering"). The callback is still acknowledged only once its entry is durable.
 */
public interface EarlyHandOn {

  /** Writes an entry and returns its id at once, with a future that completes once it is durable. */
  Written write(String partition, byte[] payload);

  /** An entry written: its id, and its commit. */
  record Written(long id, CompletableFuture<Long> durable) {}
}
