package dev.timbot.emulator.internal.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;

/**
 * A self-signed RSA certificate for {@code localhost} and {@code 127.0.0.1}, built with the JDK
 * alone: the X.509 v3 structure is DER-encoded by hand and signed with SHA256withRSA (the JDK has
 * no public certificate builder, and the internal {@code sun.security.x509} classes need module
 * flags). Like {@code openssl req -x509}, it is marked CA so clients can trust the PEM directly.
 */
public final class SelfSignedCertificate {
  private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
  private final X509Certificate certificate;
  private final KeyStore keyStore;
  private final char[] password;

  private SelfSignedCertificate(X509Certificate certificate, KeyStore keyStore, char[] password) {
    this.certificate = certificate;
    this.keyStore = keyStore;
    this.password = password;
  }

  /**
   * Generates a fresh key and certificate. Validity uses the real clock, not the emulator's
   * (possibly virtual) one: TLS clients check it against their own wall time.
   */
  public static SelfSignedCertificate generate() {
    try {
      KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
      kpg.initialize(2048);
      KeyPair kp = kpg.generateKeyPair();
      ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).withNano(0);
      byte[] algorithm = Der.sequence(Der.oid(SHA256_WITH_RSA), Der.nul());
      byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8("timbot emulator (localhost)"))));
      byte[] san = Der.sequence(
          Der.implicit(2, "localhost".getBytes(StandardCharsets.US_ASCII)),
          Der.implicit(7, new byte[] {127, 0, 0, 1}));
      byte[] extensions = Der.explicit(3, Der.sequence(
          Der.sequence(Der.oid("2.5.29.19"), Der.bool(true), Der.octets(Der.sequence(Der.bool(true)))),
          Der.sequence(Der.oid("2.5.29.37"), Der.octets(Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1")))),
          Der.sequence(Der.oid("2.5.29.17"), Der.octets(san))));
      byte[] tbs = Der.sequence(
          Der.explicit(0, Der.integer(BigInteger.TWO)),
          Der.integer(new BigInteger(64, new SecureRandom()).setBit(62)),
          algorithm,
          name,
          Der.sequence(Der.utcTime(now.minusDays(1)), Der.utcTime(now.plusDays(825))),
          name,
          kp.getPublic().getEncoded(),
          extensions);
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(kp.getPrivate());
      signer.update(tbs);
      byte[] der = Der.sequence(tbs, algorithm, Der.bits(signer.sign()));
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
      cert.verify(kp.getPublic());
      char[] password = Long.toHexString(new SecureRandom().nextLong()).toCharArray();
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("emulator", kp.getPrivate(), password, new Certificate[] {cert});
      return new SelfSignedCertificate(cert, ks, password);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot generate the self-signed certificate", e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public KeyStore keyStore() {
    return keyStore;
  }

  public char[] password() {
    return password.clone();
  }

  /** The certificate in PEM form. */
  public String pem() {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the PEM to {@code file}, creating parent directories. */
  public Path writePem(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, pem(), StandardCharsets.US_ASCII);
    return file;
  }
}
