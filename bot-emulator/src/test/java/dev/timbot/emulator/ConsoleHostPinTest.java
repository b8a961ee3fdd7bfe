package dev.timbot.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console answers only pinned host names, and never logs the admin in. */
class ConsoleHostPinTest {
  LocalIm im = LocalIm.builder().consoleHost("chat.lan").start();

  @AfterEach
  void stop() {
    im.stop();
  }

  @Test
  void dnsRebindingShapedRequestsAreRefused() throws Exception {
    assertThat(status("GET / HTTP/1.1", "127.0.0.1:" + im.port(), null)).isEqualTo(200);
    assertThat(status("GET / HTTP/1.1", "localhost:" + im.port(), "http://localhost:" + im.port())).isEqualTo(200);
    assertThat(status("GET / HTTP/1.1", "chat.lan:" + im.port(), null)).isEqualTo(200);
    // A rebinding page: its own name in both Host and Origin, which agree with each other.
    assertThat(status("GET / HTTP/1.1", "evil.example:" + im.port(), "http://evil.example:" + im.port())).isEqualTo(403);
    assertThat(status("POST /console/upload HTTP/1.1", "evil.example:" + im.port(), null)).isEqualTo(403);
    assertThat(status("GET /console/ws HTTP/1.1", "evil.example", null)).isEqualTo(403);
    // A pinned Host with a foreign Origin (a cross-site page talking to localhost).
    assertThat(status("GET / HTTP/1.1", "127.0.0.1:" + im.port(), "http://evil.example")).isEqualTo(403);
  }

  @Test
  void theAdministratorCannotLogInAsAUser() {
    assertThatThrownBy(() -> im.users().login(im.admin()))
        .isInstanceOfSatisfying(ImError.class, e -> assertThat(e.errorCode()).isEqualTo(70402));
  }

  private int status(String requestLine, String host, String origin) throws Exception {
    try (Socket s = new Socket("127.0.0.1", im.port())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write((requestLine + "\r\nHost: " + host + "\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n")
          + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      String line = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
      return Integer.parseInt(line.substring(9, 12));
    }
  }
}
