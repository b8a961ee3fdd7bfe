package dev.timbot.store.redis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away TLS certificate for {@code 127.0.0.1} and {@code localhost}, made with the JDK's
 * {@code keytool} (no OpenSSL needed) and written as PEM files a {@code redis-server} reads: {@link
 * #certificate()} (also the file a client trusts) and {@link #privateKey()} (PKCS#8).
 */
public record SelfSignedCertificate(Path certificate, Path privateKey) {
  private static final char[] STORE_PASSWORD = "timbot-test".toCharArray();

  /** Makes the certificate and its key in {@code dir}. */
  public static SelfSignedCertificate create(Path dir) {
    Path keystore = dir.resolve("tls.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> cmd = List.of(keytool.toString(), "-genkeypair", "-alias", "redis", "-keyalg", "RSA",
        "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
        "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", new String(STORE_PASSWORD));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("keytool could not make a test certificate: " + out);
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        store.load(in, STORE_PASSWORD);
      }
      Certificate cert = store.getCertificate("redis");
      Key key = store.getKey("redis", STORE_PASSWORD);
      SelfSignedCertificate files = new SelfSignedCertificate(dir.resolve("tls.crt"), dir.resolve("tls.key"));
      Files.writeString(files.certificate(), pem("CERTIFICATE", cert.getEncoded()));
      Files.writeString(files.privateKey(), pem("PRIVATE KEY", key.getEncoded()));
      return files;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a test certificate in " + dir + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while making a test certificate", e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
