package dev.timbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** A tiny callback target on a free port: records every request, answers per command. */
final class CallbackCapture implements AutoCloseable {
  record Received(String path, Map<String, String> params, JsonNode body) {
    String command() {
      return params.get("CallbackCommand");
    }
  }

  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);
  final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, Function<JsonNode, String>> answers = new ConcurrentHashMap<>();

  CallbackCapture() throws Exception {
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws IOException {
        Fields q = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        Map<String, String> params = new java.util.LinkedHashMap<>();
        q.forEach(f -> params.put(f.getName(), f.getValue()));
        byte[] bytes;
        try (InputStream in = Content.Source.asInputStream(request)) {
          bytes = in.readAllBytes();
        }
        JsonNode body = Rest.JSON.readTree(bytes);
        received.add(new Received(Request.getPathInContext(request), params, body));
        Function<JsonNode, String> answer = answers.get(params.getOrDefault("CallbackCommand", ""));
        String text = answer == null ? "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}" : answer.apply(body);
        response.setStatus(200);
        Content.Sink.write(response, true, text, callback);
        return true;
      }
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + connector.getLocalPort() + "/tim/callback";
  }

  void answer(String command, String json) {
    answers.put(command, b -> json.replace('\'', '"'));
  }

  void answer(String command, Function<JsonNode, String> f) {
    answers.put(command, f);
  }

  List<Received> of(String command) {
    List<Received> out = new ArrayList<>();
    for (Received r : received) {
      if (command.equals(r.command())) {
        out.add(r);
      }
    }
    return out;
  }

  /** Waits until {@code n} callbacks of {@code command} arrived, returns the last. */
  Received await(String command, int n) {
    Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
        .until(() -> of(command).size() >= n);
    List<Received> l = of(command);
    return l.get(n - 1);
  }

  Received await(String command) {
    return await(command, 1);
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
