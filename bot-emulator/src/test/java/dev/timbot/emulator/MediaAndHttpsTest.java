package dev.timbot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.message.FileElem;
import dev.timbot.message.ImageElem;
import dev.timbot.message.MessageElem;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.imageio.ImageIO;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads, image renditions, download URLs, and the HTTPS listener with its PEM. */
class MediaAndHttpsTest {
  static byte[] png(int w, int h) throws Exception {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, w, h);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  static byte[] get(String url) throws Exception {
    try (Response r = Rest.HTTP.newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(r.code()).as(url).isEqualTo(200);
      return r.body().bytes();
    }
  }

  @Test
  void uploadedImageGetsThreeWorkingRenditions() throws Exception {
    try (LocalIm im = LocalIm.builder().clock(new VirtualClock()).start()) {
      Rest rest = new Rest(im);
      rest.accounts("alice", "bob");
      byte[] data = png(1600, 900);
      JsonNode up;
      try (Response r = Rest.HTTP.newCall(new Request.Builder().url(im.baseUrl() + "/media/upload?name=photo.png")
          .post(RequestBody.create(data, MediaType.get("image/png"))).build()).execute()) {
        up = Rest.JSON.readTree(r.body().string());
      }
      String uuid = up.path("UUID").asText();
      assertThat(up.path("Width").asInt()).isEqualTo(1600);
      assertThat(up.path("ImageFormat").asInt()).isEqualTo(3);

      // A REST sender only names the UUID; the emulator fills ImageInfoArray like the service does.
      rest.call("openim", "sendmsg", "{'From_Account':'alice','To_Account':'bob','MsgRandom':1,'MsgBody':[{'MsgType':"
          + "'TIMImageElem','MsgContent':{'UUID':'" + uuid + "','ImageFormat':3,'ImageInfoArray':[]}}]}");
      JsonNode content = rest.call("openim", "admin_getroammsg", "{'Operator_Account':'bob','Peer_Account':'alice',"
          + "'MaxCnt':1,'MinTime':0,'MaxTime':4000000000}").at("/MsgList/0/MsgBody/0/MsgContent");
      JsonNode infos = content.path("ImageInfoArray");
      assertThat(infos).hasSize(3);
      assertThat(infos.at("/0/Type").asInt()).isEqualTo(1);
      assertThat(infos.at("/0/Width").asInt()).isEqualTo(1600);
      assertThat(infos.at("/0/Height").asInt()).isEqualTo(900);
      assertThat(infos.at("/0/Size").asLong()).isEqualTo(data.length);
      assertThat(infos.at("/1/Type").asInt()).isEqualTo(2);
      assertThat(infos.at("/1/Width").asInt()).isEqualTo(720);
      assertThat(infos.at("/2/Type").asInt()).isEqualTo(3);
      assertThat(infos.at("/2/Width").asInt()).isEqualTo(198);
      assertThat(get(infos.at("/0/URL").asText())).isEqualTo(data);
      for (int i = 1; i <= 2; i++) {
        byte[] scaled = get(infos.at("/" + i + "/URL").asText());
        assertThat(scaled.length).isEqualTo(infos.at("/" + i + "/Size").asInt());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(scaled));
        assertThat(img.getWidth()).isEqualTo(infos.at("/" + i + "/Width").asInt());
        assertThat(img.getHeight()).isEqualTo(infos.at("/" + i + "/Height").asInt());
      }
    }
  }

  @Test
  void filesGetDownloadUrlsThroughTheClientApi() throws Exception {
    try (LocalIm im = LocalIm.builder().start()) {
      im.users().login("alice");
      im.users().login("bob");
      byte[] doc = "hello file".getBytes(StandardCharsets.UTF_8);
      MessageElem file = im.users().upload(doc, "notes.txt", "text/plain");
      assertThat(file).isInstanceOf(FileElem.class);
      ClientMessage sent = im.users().sendC2C("alice", "bob", List.of(file), null);
      FileElem f = (FileElem) sent.body().get(0);
      assertThat(f.fileName()).isEqualTo("notes.txt");
      assertThat(f.downloadFlag()).isEqualTo(2);
      assertThat(get(f.url())).isEqualTo(doc);
      MessageElem image = im.users().upload(png(50, 40), "small.png", "image/png");
      assertThat(((ImageElem) image).imageInfoArray()).hasSize(3);
      assertThat(((ImageElem) image).rendition(3).orElseThrow().width()).isEqualTo(50);
    }
  }

  @Test
  void httpsListenerServesRestWithTheWrittenCertificate(@TempDir Path dir) throws Exception {
    try (LocalIm im = LocalIm.builder().httpsPort(0).certificateDir(dir).start()) {
      Path pem = im.certificatePem();
      assertThat(pem).startsWith(dir);
      assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----");
      X509Certificate cert;
      try (InputStream in = Files.newInputStream(pem)) {
        cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      }
      assertThat(cert.getSubjectAlternativeNames()).extracting(l -> l.get(1).toString())
          .contains("localhost", "127.0.0.1");
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("emulator", cert);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      // Default hostname verification: the SAN must match 127.0.0.1 and localhost.
      OkHttpClient client = new OkHttpClient.Builder()
          .sslSocketFactory(ssl.getSocketFactory(), (X509TrustManager) tmf.getTrustManagers()[0]).build();
      for (String host : List.of(im.httpsBaseUrl(), im.httpsBaseUrl().replace("127.0.0.1", "localhost"))) {
        String url = im.restUrl("openim_robot_http_svc", "get_all_robots").replace(im.baseUrl(), host);
        try (Response r = client.newCall(new Request.Builder().url(url)
            .post(RequestBody.create("{}", MediaType.get("application/json"))).build()).execute()) {
          assertThat(Rest.JSON.readTree(r.body().string()).path("ErrorCode").asInt()).isZero();
        }
      }
    }
  }
}
