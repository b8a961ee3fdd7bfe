package dev.timbot.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * When the bots' shared rate window admitted each call of one API: Redis {@code MONITOR} shows the
 * commands its scripts run, and the window's script adds every admitted call to a sorted set with
 * its Redis {@code TIME} (µs). That is the moment the client lets a request go, before everything
 * that can still delay it on this host (the write, the REST proxy's threads, the emulator's); the
 * counts at the proxy include those delays, these do not.
 */
final class AdmissionLog implements AutoCloseable {
  private final Socket socket;
  private final String key;
  private final Queue<Long> admittedNanos = new ConcurrentLinkedQueue<>();

  private AdmissionLog(Socket socket, String key) {
    this.socket = socket;
    this.key = key;
  }

  /** Watches the Redis store named by {@code storeUrl} for admissions of {@code api}; null if not Redis. */
  static AdmissionLog watch(String storeUrl, String api) throws IOException {
    if (!storeUrl.startsWith("redis://")) {
      return null;
    }
    URI u = URI.create(storeUrl);
    Socket s = new Socket(InetAddress.getLoopbackAddress(), u.getPort());
    s.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
    AdmissionLog log = new AdmissionLog(s, "\"ZADD\" \"timbot:rl:" + api + ":w\" \"");
    Thread t = new Thread(log::read, "admission-log");
    t.setDaemon(true);
    t.start();
    return log;
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        int at = line.indexOf(key);
        if (at >= 0) {
          int from = at + key.length();
          admittedNanos.add(Long.parseLong(line.substring(from, line.indexOf('"', from))) * 1000);
        }
      }
    } catch (IOException | RuntimeException e) {
      // closed
    }
  }

  /** The admission times so far (ns on Redis's clock), sorted. */
  List<Long> admitted() {
    List<Long> out = new ArrayList<>(admittedNanos);
    out.sort(null);
    return out;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
