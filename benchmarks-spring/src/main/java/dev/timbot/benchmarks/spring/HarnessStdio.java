package dev.timbot.benchmarks.spring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Only under the benchmarks' harness ({@code peer.harness-stdio=true}): speaks its child-process
 * protocol — prints {@code SUT_READY <callback URL>} once Tomcat listens, and exits on {@code
 * quit} (or end of input) on stdin. Not part of the bot a team would write.
 */
@Component
@ConditionalOnProperty(name = "peer.harness-stdio", havingValue = "true")
class HarnessStdio implements ApplicationListener<ApplicationReadyEvent> {
  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    var context = event.getApplicationContext();
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    System.out.println("SUT_READY http://127.0.0.1:" + port + "/tim/callback");
    System.out.flush();
    Thread stdin = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null && !line.trim().equals("quit"); ) {
          System.out.println("SUT_ERROR unknown command " + line);
        }
      } catch (IOException e) {
        // the harness went away: stop as on quit
      }
      System.exit(SpringApplication.exit(context));
    }, "harness-stdin");
    stdin.setDaemon(true);
    stdin.start();
  }
}
