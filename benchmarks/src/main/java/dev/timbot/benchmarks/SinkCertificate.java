package dev.timbot.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away TLS identity for the HTTPS {@link ReplySink}: an EC P-256 key and self-signed
 * certificate for {@code 127.0.0.1}/{@code localhost}, made by the JDK's own {@code keytool} into a
 * temporary PKCS12 key store, and a trust store holding just that certificate for the bots' JVMs
 * ({@link #trustJvmArgs()}). EC rather than RSA because the community SDK opens a connection per
 * call (BENCHMARKS §8d): with RSA-2048 the sink's handshakes would cost the shared CPU several
 * times more.
 */
public final class SinkCertificate implements AutoCloseable {
  private final Path dir;
  private final KeyStore keyStore;
  private final String password;
  private final Path trustStore;

  private SinkCertificate(Path dir, KeyStore keyStore, String password, Path trustStore) {
    this.dir = dir;
    this.keyStore = keyStore;
    this.password = password;
    this.trustStore = trustStore;
  }

  public static SinkCertificate generate() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("timbot-sink-tls");
    String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    Path keyFile = dir.resolve("sink.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "sink", "-keyalg", "EC",
        "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=127.0.0.1", "-ext",
        "SAN=ip:127.0.0.1,dns:localhost", "-validity", "7", "-storetype", "PKCS12", "-keystore",
        keyFile.toString(), "-storepass", password, "-keypass", password)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool could not make the sink's certificate: " + out);
    }
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keyFile)) {
        keys.load(in, password.toCharArray());
      }
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("timbot-sink", keys.getCertificate("sink"));
      Path trustFile = dir.resolve("trust.p12");
      try (OutputStream o = Files.newOutputStream(trustFile)) {
        trust.store(o, password.toCharArray());
      }
      return new SinkCertificate(dir, keys, password, trustFile);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read keytool's key store", e);
    }
  }

  public KeyStore keyStore() {
    return keyStore;
  }

  public String password() {
    return password;
  }

  /** JVM options under which a client trusts the sink (and nothing else). */
  public List<String> trustJvmArgs() {
    return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + password,
        "-Djavax.net.ssl.trustStoreType=PKCS12");
  }

  @Override
  public void close() throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
