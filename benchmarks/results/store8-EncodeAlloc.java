import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.time.Instant;
import dev.timbot.internal.inbox.JournaledCallback;
import dev.timbot.spi.Store.OutboxStore.Entry;
import dev.timbot.spi.Store.OutboxStore.State;

/** Bytes allocated per encode (journal entry, outbox record, outbox done) after warm-up, on this thread. */
public class EncodeAlloc {
  public static void main(String[] a) throws Exception {
    ThreadMXBean t = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    byte[] body = new byte[Integer.parseInt(a[0])];
    java.util.Arrays.fill(body, (byte) 'x');
    JournaledCallback c = new JournaledCallback("Bot.OnC2CMessage", "127.0.0.1", "RESTAPI", Instant.now(), body);
    Class<?> codec = Class.forName("dev.timbot.internal.store.OutboxCodec");
    Method enc = codec.getDeclaredMethod("encode", Entry.class); enc.setAccessible(true);
    Method done = codec.getDeclaredMethod("done", byte[].class); done.setAccessible(true);
    byte[] payload = new byte[150];
    Entry e = new Entry("j123456#0", "C2Cuser_42", 7, 12345, payload, State.PENDING, 0, Instant.now(), Instant.now(), null);
    byte[] rec = (byte[]) enc.invoke(null, e);
    int n = 200_000; long sink = 0;
    for (int round = 0; round < 3; round++) {
      long b0 = t.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < n; i++) sink += c.encode().length;
      long b1 = t.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < n; i++) sink += ((byte[]) enc.invoke(null, e)).length;
      long b2 = t.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < n; i++) sink += ((byte[]) done.invoke(null, rec)).length;
      long b3 = t.getCurrentThreadAllocatedBytes();
      System.out.printf("round %d: journal entry (body %d B, encoded %d B) %d B/encode; outbox record (%d B) %d B/encode; done %d B/call (result %d B)%n",
          round, body.length, c.encode().length, (b1 - b0) / n, rec.length, (b2 - b1) / n, (b3 - b2) / n, ((byte[]) done.invoke(null, rec)).length);
    }
    if (sink == 42) System.out.println();
  }
}
