package dev.timbot.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.store.redis.testing.RedisServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RedisServerTest {

  @Test
  void startsOnALoopbackPortStopsRestartsAndCleansUp() throws Exception {
    Path dir;
    try (RedisServer redis = RedisServer.launch()) {
      dir = redis.dir();
      assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + redis.port());
      assertThat(ping(redis.port())).startsWith("+PONG");
      redis.stop();
      assertThat(redis.isRunning()).isFalse();
      redis.start();
      assertThat(ping(redis.port())).startsWith("+PONG");
    }
    assertThat(dir).doesNotExist();
  }

  static String ping(int port) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      return new String(in.readNBytes(5), StandardCharsets.US_ASCII);
    }
  }
}
