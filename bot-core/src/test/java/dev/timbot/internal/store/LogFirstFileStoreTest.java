package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

/** The checkpoint's serialisation buffer is kept between checkpoints up to a size, not rebuilt each time. */
class LogFirstFileStoreTest {
  private final LogFirstFileStore files = new LogFirstFileStore(1);

  @Test
  void aBufferUpToTheKeptSizeIsHandedOutAgainEmpty() {
    WriteBuffer buffer = files.getWriteBuffer();
    buffer.put(new byte[LogFirstFileStore.KEPT_BUFFER_BYTES - 1024]); // past MVStore's own 4 MB limit
    files.releaseWriteBuffer(buffer);

    WriteBuffer next = files.getWriteBuffer();
    assertThat(next).isSameAs(buffer);
    assertThat(next.position()).isZero();
    assertThat(next.capacity()).as("its array kept, not swapped for a smaller one").isGreaterThan(4 << 20)
        .isGreaterThanOrEqualTo(LogFirstFileStore.KEPT_BUFFER_BYTES - 1024);
    assertThat(files.getWriteBuffer()).as("one buffer is kept, for one checkpoint at a time").isNotSameAs(buffer);
  }

  @Test
  void aLargerBufferIsDropped() {
    WriteBuffer buffer = files.getWriteBuffer();
    buffer.put(new byte[LogFirstFileStore.KEPT_BUFFER_BYTES + 1]);
    files.releaseWriteBuffer(buffer);

    assertThat(files.getWriteBuffer()).isNotSameAs(buffer);
  }
}
