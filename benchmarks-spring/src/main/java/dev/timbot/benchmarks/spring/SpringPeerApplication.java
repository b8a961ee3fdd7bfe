package dev.timbot.benchmarks.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The echo bot a team writes today without timbot (issue 15's peer): Spring Boot MVC on Tomcat
 * receives {@code Bot.OnC2CMessage} callbacks, and the community Java SDK ({@code
 * io.github.doocs:im-server-sdk-java}) sends the echo. Settings come from the same environment
 * variables as timbot's echo sample ({@code application.properties}).
 */
@SpringBootApplication
@EnableConfigurationProperties(PeerProperties.class)
public class SpringPeerApplication {
  public static void main(String[] args) {
    SpringApplication.run(SpringPeerApplication.class, args);
  }
}
