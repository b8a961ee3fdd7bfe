package dev.timbot.internal.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.io.Content;

/**
 * Reads a request body asynchronously into one array, giving up as soon as it would exceed the
 * limit — so a huge or endless upload costs at most {@code limit} bytes and no blocked thread
 * while the client is slow.
 */
final class BoundedBodyReader implements Runnable {
  interface Outcome {
    void body(byte[] body);

    void tooLarge();

    void failed(Throwable failure);
  }

  private static final int INITIAL_CAP = 64 * 1024;

  private final Content.Source source;
  private final int limit;
  private final Outcome outcome;
  private byte[] buffer;
  private int size;

  BoundedBodyReader(Content.Source source, int limit, long declaredLength, Outcome outcome) {
    this.source = source;
    this.limit = limit;
    this.outcome = outcome;
    // The declared length only sizes the first allocation, capped: a client declaring 1 MiB and
    // sending nothing must not cost 1 MiB per connection.
    long hint = declaredLength >= 0 ? declaredLength : 4096;
    this.buffer = new byte[(int) Math.max(0, Math.min(Math.min(hint, limit), INITIAL_CAP))];
  }

  /** Reads what is available, then asks to be called again when more arrives. */
  @Override
  public void run() {
    while (true) {
      Content.Chunk chunk = source.read();
      if (chunk == null) {
        source.demand(this);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        outcome.failed(chunk.getFailure());
        return;
      }
      ByteBuffer bytes = chunk.getByteBuffer();
      int n = bytes.remaining();
      if ((long) size + n > limit) {
        chunk.release();
        outcome.tooLarge();
        return;
      }
      if (size + n > buffer.length) {
        buffer = Arrays.copyOf(buffer, (int) Math.min(limit, Math.max(size + n, 2L * buffer.length)));
      }
      bytes.get(buffer, size, n);
      size += n;
      boolean last = chunk.isLast();
      chunk.release();
      if (last) {
        outcome.body(size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
        return;
      }
    }
  }
}
