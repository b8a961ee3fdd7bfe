package dev.timbot.test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/**
 * How far a test has checked what the bot sent: {@code shouldReply} and friends take the next
 * unchecked message, {@code shouldNotReply} wants none left.
 */
final class SentCursor {
  private final FakeIm im;
  private int consumed;

  SentCursor(FakeIm im) {
    this.im = im;
  }

  /** The next unchecked message; fails with {@code why} appended when there is none. */
  synchronized FakeIm.Sent next(Supplier<String> why) {
    List<FakeIm.Sent> all = im.sent();
    if (consumed >= all.size()) {
      throw new AssertionFailedError("expected a reply, but the bot sent nothing more" + why.get());
    }
    return all.get(consumed++);
  }

  /** The unchecked messages (they stay unchecked). */
  synchronized List<FakeIm.Sent> remaining() {
    List<FakeIm.Sent> all = im.sent();
    return new ArrayList<>(all.subList(Math.min(consumed, all.size()), all.size()));
  }
}
