package dev.timbot.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.emulator.ImError;
import dev.timbot.message.TextElem;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client-side API the console builds on. */
class ImUsersTest {
  VirtualClock clock = new VirtualClock();
  LocalIm im;
  ImUsers users;

  @BeforeEach
  void start() {
    im = LocalIm.builder().clock(clock).start();
    users = im.users();
  }

  @AfterEach
  void stop() {
    im.stop();
  }

  /** Records everything one user's client would see. */
  static final class Recorder implements ImUserListener {
    final List<ClientMessage> messages = new CopyOnWriteArrayList<>();
    final List<ClientMessage> recalls = new CopyOnWriteArrayList<>();
    final List<String> reads = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(ClientMessage m) {
      messages.add(m);
    }

    @Override
    public void onRecalled(ClientMessage m) {
      recalls.add(m);
    }

    @Override
    public void onPeerRead(String peer, long time) {
      reads.add(peer + "@" + time);
    }
  }

  @Test
  void loginGivesAVerifiableSig() {
    UserLogin login = users.login("alice");
    assertThat(login.toString()).doesNotContain(login.userSig());
    users.verify("alice", login.userSig());
    assertThatThrownBy(() -> users.verify("bob", login.userSig()))
        .isInstanceOfSatisfying(ImError.class, e -> assertThat(e.errorCode()).isEqualTo(70013));
    clock.advance(Duration.ofSeconds(1));
    new Rest(im).call("im_open_login_svc", "kick", "{'UserID':'alice'}");
    assertThatThrownBy(() -> users.verify("alice", login.userSig()))
        .isInstanceOfSatisfying(ImError.class, e -> assertThat(e.errorCode()).isEqualTo(70001));
    clock.advance(Duration.ofSeconds(1));
    users.verify("alice", users.login("alice").userSig());
  }

  @Test
  void conversationDeliveryRecallAndReadReceipts() {
    users.login("alice");
    users.login("bob");
    Recorder alice = new Recorder();
    Recorder bob = new Recorder();
    users.subscribe("alice", alice);
    users.subscribe("bob", bob);

    ClientMessage m1 = users.sendC2C("alice", "bob", List.of(TextElem.of("one")), null);
    clock.advance(Duration.ofSeconds(1));
    ClientMessage m2 = users.send("alice", "C2Cbob", List.of(TextElem.of("two")));
    assertThat(bob.messages).extracting(ClientMessage::conversationId).containsExactly("C2Calice", "C2Calice");
    assertThat(alice.messages).extracting(ClientMessage::conversationId).containsExactly("C2Cbob", "C2Cbob");

    List<ConversationSummary> conv = users.conversations("bob");
    assertThat(conv).hasSize(1);
    assertThat(conv.get(0).conversationId()).isEqualTo("C2Calice");
    assertThat(conv.get(0).unreadCount()).isEqualTo(2);
    assertThat(conv.get(0).lastMessage().msgKey()).isEqualTo(m2.msgKey());

    users.markRead("bob", "C2Calice");
    assertThat(alice.reads).containsExactly("bob@" + clock.now().getEpochSecond());
    assertThat(users.conversations("bob").get(0).unreadCount()).isZero();
    assertThat(users.history("alice", "C2Cbob", 10)).allMatch(ClientMessage::peerRead);

    users.recallC2C("alice", "bob", m2.msgKey());
    assertThat(bob.recalls).extracting(ClientMessage::msgKey).containsExactly(m2.msgKey());
    assertThat(users.history("bob", "C2Calice", 10).get(1).recalled()).isTrue();
    // Only within two minutes.
    clock.advance(Duration.ofMinutes(2).plusSeconds(1));
    assertThatThrownBy(() -> users.recallC2C("alice", "bob", m1.msgKey()))
        .isInstanceOfSatisfying(ImError.class, e -> assertThat(e.errorCode()).isEqualTo(20016));
  }

  @Test
  void groupConversations() {
    Rest rest = new Rest(im);
    users.login("alice");
    users.login("bob");
    String gid = rest.call("group_open_http_svc", "create_group", "{'Owner_Account':'alice','Type':'Work','Name':'Team',"
        + "'MemberList':[{'Member_Account':'bob'}]}").path("GroupId").asText();
    Recorder bob = new Recorder();
    users.subscribe("bob", bob);
    ClientMessage m = users.sendGroup("alice", gid, List.of(TextElem.of("hello team")), null, List.of());
    assertThat(m.msgSeq()).isEqualTo(1);
    assertThat(bob.messages).extracting(ClientMessage::conversationId).containsExactly("GROUP" + gid);
    ConversationSummary s = users.conversations("bob").get(0);
    assertThat(s.name()).isEqualTo("Team");
    assertThat(s.unreadCount()).isEqualTo(1);
    users.markRead("bob", "GROUP" + gid);
    assertThat(users.conversations("bob").get(0).unreadCount()).isZero();
    assertThatThrownBy(() -> users.recallGroup("bob", gid, 1))
        .isInstanceOfSatisfying(ImError.class, e -> assertThat(e.errorCode()).isEqualTo(10007));
    users.recallGroup("alice", gid, 1);
    assertThat(bob.recalls).hasSize(1);
  }
}
