package dev.timbot.emulator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.emulator.LocalIm;
import io.github.doocs.im.ImClient;
import io.github.doocs.im.model.message.TIMTextMsgElement;
import io.github.doocs.im.model.request.AccountCheckRequest;
import io.github.doocs.im.model.request.AccountCheckItem;
import io.github.doocs.im.model.request.AccountImportRequest;
import io.github.doocs.im.model.request.AdminGetRoamMsgRequest;
import io.github.doocs.im.model.request.CreateGroupRequest;
import io.github.doocs.im.model.request.SendGroupMsgRequest;
import io.github.doocs.im.model.request.SendMsgRequest;
import io.github.doocs.im.model.response.AdminRoamMsgResult;
import io.github.doocs.im.model.response.CreateGroupResult;
import io.github.doocs.im.model.response.SendGroupMsgResult;
import io.github.doocs.im.model.response.SendMsgResult;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The independent community SDK ({@code io.github.doocs:im-server-sdk-java} 0.3.43), unchanged,
 * against the emulator. The SDK hard-codes {@code https://} and the JVM's default trust store, so
 * the emulator listens for HTTPS with its self-signed certificate and this test trusts it for its
 * duration. The SDK also signs with its own UserSig code: a second, independent check of the
 * emulator's verification.
 */
class CommunitySdkTest {
  private static final String[] TRUST_PROPS = {
      "javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType"};

  @TempDir Path dir;
  LocalIm im;
  final String[] saved = new String[TRUST_PROPS.length];

  @BeforeEach
  void start() throws Exception {
    im = LocalIm.builder().httpsPort(0).certificateDir(dir).start();
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream pem = Files.newInputStream(im.certificatePem())) {
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
      trust.setCertificateEntry("emulator", cert);
    }
    Path store = dir.resolve("trust.p12");
    try (OutputStream out = Files.newOutputStream(store)) {
      trust.store(out, "changeit".toCharArray());
    }
    for (int i = 0; i < TRUST_PROPS.length; i++) {
      saved[i] = System.getProperty(TRUST_PROPS[i]);
    }
    System.setProperty(TRUST_PROPS[0], store.toString());
    System.setProperty(TRUST_PROPS[1], "changeit");
    System.setProperty(TRUST_PROPS[2], "PKCS12");
  }

  @AfterEach
  void stop() {
    for (int i = 0; i < TRUST_PROPS.length; i++) {
      if (saved[i] == null) {
        System.clearProperty(TRUST_PROPS[i]);
      } else {
        System.setProperty(TRUST_PROPS[i], saved[i]);
      }
    }
    im.stop();
  }

  @Test
  void theSdkImportsSendsReadsHistoryAndUsesGroups() throws Exception {
    String domain = im.httpsBaseUrl().substring("https://".length());
    ImClient sdk = ImClient.getInstance(im.sdkAppId(), im.admin(), im.secretKey(), domain);

    assertThat(sdk.account.accountImport(new AccountImportRequest("alice")).getErrorCode()).isZero();
    assertThat(sdk.account.accountImport(new AccountImportRequest("bob", "Bob", null)).getErrorCode()).isZero();
    var check = sdk.account.accountCheck(new AccountCheckRequest(List.of(new AccountCheckItem("alice"),
        new AccountCheckItem("nobody"))));
    assertThat(check.getErrorCode()).isZero();
    assertThat(check.getResultItems()).extracting(i -> i.getAccountStatus())
        .containsExactly("Imported", "NotImported");

    SendMsgRequest send = SendMsgRequest.builder().fromAccount("alice").toAccount("bob")
        .msgRandom(12345L).msgBody(List.of(new TIMTextMsgElement("hello from the SDK"))).build();
    SendMsgResult sent = sdk.message.sendMsg(send);
    assertThat(sent.getErrorCode()).isZero();
    assertThat(sent.getMsgKey()).endsWith("_12345_" + sent.getMsgTime());

    AdminRoamMsgResult roam = sdk.message.getRoamMsg(new AdminGetRoamMsgRequest("bob", "alice", 10, 0,
        sent.getMsgTime() + 1));
    assertThat(roam.getErrorCode()).isZero();
    assertThat(roam.getComplete()).isEqualTo(1);
    assertThat(roam.getMsgList()).singleElement().satisfies(m -> {
      assertThat(m.getFromAccount()).isEqualTo("alice");
      assertThat(m.getMsgKey()).isEqualTo(sent.getMsgKey());
      assertThat(((TIMTextMsgElement) m.getMsgBody().get(0)).getMsgContent().getText()).isEqualTo("hello from the SDK");
    });

    CreateGroupRequest create = new CreateGroupRequest("Public", "SDK group");
    create.setOwnerAccount("alice");
    CreateGroupResult group = sdk.group.createGroup(create);
    assertThat(group.getErrorCode()).isZero();
    SendGroupMsgRequest gsend = new SendGroupMsgRequest(group.getGroupId(), 777L,
        List.of(new TIMTextMsgElement("hi group")));
    gsend.setFromAccount("alice");
    SendGroupMsgResult gsent = sdk.group.sendGroupMsg(gsend);
    assertThat(gsent.getErrorCode()).isZero();
    // (0.3.43 maps MsgSeq without its wire name, so the SDK's getMsgSeq() is always null.)
    assertThat(gsent.getMsgTime()).isPositive();
    assertThat(im.users().history("alice", "GROUP" + group.getGroupId(), 10))
        .singleElement().satisfies(m -> assertThat(m.msgSeq()).isEqualTo(1L));

    // A documented refusal reaches the SDK as the documented code.
    SendMsgRequest toNobody = SendMsgRequest.builder().fromAccount("alice").toAccount("nobody")
        .msgRandom(1L).msgBody(List.of(new TIMTextMsgElement("x"))).build();
    assertThat(sdk.message.sendMsg(toNobody).getErrorCode()).isEqualTo(90012);
  }
}
