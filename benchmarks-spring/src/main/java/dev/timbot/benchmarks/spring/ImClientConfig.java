package dev.timbot.benchmarks.spring;

import io.github.doocs.im.ImClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The SDK's client as a bean. Its documented {@code domain} argument replaces {@code
 * console.tim.qq.com}; the scheme stays {@code https://}, so a local REST API must serve TLS with a
 * certificate the JVM trusts ({@code -Djavax.net.ssl.trustStore=...}). Everything else is the SDK's
 * default configuration, as a team would leave it.
 */
@Configuration(proxyBeanMethods = false)
class ImClientConfig {
  @Bean
  ImClient imClient(PeerProperties peer) {
    return ImClient.getInstance(peer.sdkAppId(), peer.admin(), peer.secretKey(), peer.sdkDomain());
  }
}
