package dev.timbot.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Jetty must not copy a raw request target (which may carry a Sign) into the log. */
class RequestTargetLoggingTest {
  static final String SECRET = "Sign=0123456789abcdef0123456789abcdef";
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  HttpHost http;

  @BeforeEach
  void capture() {
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void release() {
    root.detachAppender(logs);
    if (http != null) {
      http.close();
    }
  }

  @Test
  void badTargetsAreAnswered400AndNotLogged() throws Exception {
    http = HttpHost.builder().host("127.0.0.1").port(0).name("probe").build();
    http.start();
    int port = http.baseUri().getPort();
    String longTarget = "/tim/callback?" + SECRET + "&x=" + "a".repeat(8000);
    for (String requestLine : List.of(
        "CONNECT " + longTarget + " HTTP/1.1",
        "CONNECT " + SECRET + ":443 HTTP/1.1",
        "GET http://[" + SECRET + "/ HTTP/1.1",
        "GET /%zz?" + SECRET + " HTTP/1.1")) {
      String status = send(port, requestLine, "127.0.0.1");
      assertThat(status).startsWith("HTTP/1.1 4");
    }
    Thread.sleep(200);
    assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains(SECRET)
        || (e.getThrowableProxy() != null && String.valueOf(e.getThrowableProxy().getMessage()).contains(SECRET)));
    assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().length() > 1000);
  }

  private static String send(int port, String requestLine, String host) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write((requestLine + "\r\nHost: " + host + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = in.readNBytes(12);
      return new String(buf, StandardCharsets.ISO_8859_1);
    }
  }
}
