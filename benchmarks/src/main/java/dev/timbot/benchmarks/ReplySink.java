package dev.timbot.benchmarks;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A plain-HTTP stand-in for the Tencent REST API that does nothing but count: every {@code
 * /v4/...} call is answered OK at once, and each {@code sendmsg} is a reply. Unlike the emulator
 * (history, dedupe, subscriber fan-out) it costs the harness almost nothing, so the bots, not the
 * IM side, are measured (issue 15).
 *
 * <p>For latency, a reply's text ends with the message number the load generator put in the
 * callback ({@code ... message <n>}); when a send time was recorded for {@code n}, the arrival
 * time minus it is the callback→reply latency (both taken on this JVM's monotonic clock).
 */
public final class ReplySink implements AutoCloseable {
  private static final byte[] MARK = "message ".getBytes(StandardCharsets.US_ASCII);
  private final Server server;
  private final ServerConnector connector;
  private final AtomicLong replies = new AtomicLong();
  private final AtomicLong lastReplyAt = new AtomicLong();
  private final LongAdder connections = new LongAdder();
  private volatile byte[] lastReply;
  private final SinkCertificate certificate;
  private volatile AtomicLongArray sentAt;
  private volatile AtomicLongArray arrivedAt;
  private volatile long firstNumber;

  /** A plain-HTTP sink. */
  public ReplySink() {
    this(null);
  }

  /** A sink that speaks HTTPS only, with a certificate made now; its clients need {@link #trustJvmArgs()}. */
  public static ReplySink https() throws java.io.IOException, InterruptedException {
    return new ReplySink(SinkCertificate.generate());
  }

  private ReplySink(SinkCertificate certificate) {
    this.certificate = certificate;
    QueuedThreadPool pool = new QueuedThreadPool(64, 4, 60_000);
    pool.setName(certificate == null ? "reply-sink" : "reply-sink-tls");
    server = new Server(pool);
    if (certificate == null) {
      connector = new ServerConnector(server);
    } else {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStore(certificate.keyStore());
      ssl.setKeyStorePassword(certificate.password());
      HttpConfiguration config = new HttpConfiguration();
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      secure.setSniHostCheck(false); // clients reach it as 127.0.0.1
      config.addCustomizer(secure);
      connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(config));
    }
    // One count per TCP connection (with TLS, the decrypted HTTP connection on top is not counted).
    connector.addBean(new Connection.Listener() {
      @Override
      public void onOpened(Connection connection) {
        if (connection.getEndPoint() instanceof SocketChannelEndPoint) {
          connections.increment();
        }
      }
    });
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        byte[] body;
        try (InputStream in = Request.asInputStream(request)) {
          body = in.readAllBytes();
        }
        String path = request.getHttpURI().getPath();
        if (path.endsWith("/sendmsg")) {
          replied(body);
        }
        long now = System.currentTimeMillis();
        String answer = "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0,\"MsgTime\":" + now / 1000
            + ",\"MsgKey\":\"" + now + "_1_" + now / 1000 + "\",\"MsgId\":\"sink-" + now + "\",\"ResultItem\":["
            + (path.endsWith("/account_check") ? imported(body) : "") + "]}";
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.write(true, ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
      }
    });
  }

  public ReplySink start() throws Exception {
    server.start();
    return this;
  }

  /** What the bots use as {@code tim.baseUrl}. */
  public String baseUrl() {
    return (certificate == null ? "http" : "https") + "://127.0.0.1:" + connector.getLocalPort();
  }

  public boolean isHttps() {
    return certificate != null;
  }

  /** JVM options for a client of an HTTPS sink to trust it; none for plain HTTP. */
  public java.util.List<String> trustJvmArgs() {
    return certificate == null ? java.util.List.of() : certificate.trustJvmArgs();
  }

  /** TCP connections clients opened to the sink so far. */
  public long connectionsOpened() {
    return connections.sum();
  }

  public long replies() {
    return replies.get();
  }

  /** {@link System#nanoTime()} of the last reply, or 0. */
  public long lastReplyAt() {
    return lastReplyAt.get();
  }

  /** Records latencies for message numbers {@code first .. first + count - 1} from now on. */
  public void track(long first, int count) {
    firstNumber = first;
    arrivedAt = new AtomicLongArray(count);
    sentAt = new AtomicLongArray(count);
  }

  /** The planned send time of message {@code number} (call before sending it). */
  public void sent(long number, long nanos) {
    sentAt.set((int) (number - firstNumber), nanos);
  }

  /** Latencies in ns of the tracked messages answered so far, sorted. */
  public long[] latencies() {
    AtomicLongArray s = sentAt;
    AtomicLongArray a = arrivedAt;
    long[] out = new long[a.length()];
    int n = 0;
    for (int i = 0; i < a.length(); i++) {
      if (a.get(i) != 0 && s.get(i) != 0) {
        out[n++] = a.get(i) - s.get(i);
      }
    }
    long[] l = java.util.Arrays.copyOf(out, n);
    java.util.Arrays.sort(l);
    return l;
  }

  /** The body of the last {@code sendmsg} call (UTF-8), or null. */
  public String lastReply() {
    byte[] b = lastReply;
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  private void replied(byte[] body) {
    long now = System.nanoTime();
    lastReply = body;
    replies.incrementAndGet();
    lastReplyAt.set(now);
    AtomicLongArray a = arrivedAt;
    if (a == null) {
      return;
    }
    long n = number(body);
    long i = n - firstNumber;
    if (n >= 0 && i >= 0 && i < a.length()) {
      a.compareAndSet((int) i, 0, now); // the first arrival counts; a duplicate does not
    }
  }

  private static final java.util.regex.Pattern USER_ID = java.util.regex.Pattern.compile("\"UserID\"\\s*:\\s*\"([^\"]*)\"");

  /** Every account asked about exists (the bots check their own at start). */
  private static String imported(byte[] body) {
    java.util.regex.Matcher m = USER_ID.matcher(new String(body, StandardCharsets.UTF_8));
    java.util.StringJoiner out = new java.util.StringJoiner(",");
    while (m.find()) {
      out.add("{\"UserID\":\"" + m.group(1) + "\",\"ResultCode\":0,\"AccountStatus\":\"Imported\"}");
    }
    return out.toString();
  }

  /** The digits after the last "message " in the body, or -1. */
  static long number(byte[] body) {
    outer:
    for (int at = body.length - MARK.length; at >= 0; at--) {
      for (int j = 0; j < MARK.length; j++) {
        if (body[at + j] != MARK[j]) {
          continue outer;
        }
      }
      long v = 0;
      int k = at + MARK.length;
      int digits = 0;
      while (k < body.length && body[k] >= '0' && body[k] <= '9') {
        v = v * 10 + (body[k++] - '0');
        digits++;
      }
      return digits == 0 ? -1 : v;
    }
    return -1;
  }

  @Override
  public void close() throws Exception {
    try {
      server.stop();
    } finally {
      if (certificate != null) {
        certificate.close();
      }
    }
  }
}
