package dev.timbot.spi;

import java.util.List;

/**
 * The answer to {@code batchsendmsg}, over all the chunks of at most 500 recipients it took:
 * one {@code MsgKey} per chunk and every recipient that failed ({@code SomeError} items, or a
 * whole chunk that failed).
 */
public record BatchSendResult(List<String> msgKeys, List<ItemResult> failures) {
  public BatchSendResult {
    msgKeys = List.copyOf(msgKeys);
    failures = List.copyOf(failures);
  }

  public boolean allDelivered() {
    return failures.isEmpty();
  }
}
