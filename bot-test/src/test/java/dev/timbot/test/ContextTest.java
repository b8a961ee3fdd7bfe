package dev.timbot.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.Context;
import dev.timbot.spi.MediaStore;
import dev.timbot.SentMessage;
import dev.timbot.message.FileElem;
import dev.timbot.message.ImageElem;
import dev.timbot.Plugin;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextTest {
  @TempDir Path media;

  static byte[] png(int w, int h) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", out);
    return out.toByteArray();
  }

  private BotTester tester(Plugin plugin) {
    return BotTester.builder()
        .yaml("bot: {account: bot}\nmedia: {dir: '" + media + "', publicBaseUrl: 'https://bot.example/media'}")
        .plugin(plugin).build();
  }

  @Test
  void imageFromBytesIsStoredContentAddressedAndDescribed() throws Exception {
    byte[] png = png(32, 20);
    try (BotTester tester = tester(on -> on.command("pic", ctx -> ctx.replyImage(png)))) {
      tester.user("alice").says("/pic");
      tester.shouldReply(s -> {
        ImageElem img = (ImageElem) s.elements().get(0);
        assertThat(img.imageFormat()).isEqualTo(ImageElem.FORMAT_PNG);
        assertThat(img.width()).isEqualTo(32);
        assertThat(img.height()).isEqualTo(20);
        assertThat(img.imageInfoArray()).hasSize(3).allSatisfy(i -> assertThat(i.size()).isEqualTo(png.length));
        assertThat(img.url()).startsWith("https://bot.example/media/").endsWith(".png").contains(img.uuid());
      });
      try (var files = Files.list(media)) {
        assertThat(files.toList()).singleElement()
            .satisfies(p -> assertThat(Files.readAllBytes(p)).isEqualTo(png));
      }
      tester.user("alice").says("/pic"); // same content: same file and URL
      try (var files = Files.list(media)) {
        assertThat(files.count()).isEqualTo(1);
      }
    }
  }

  @Test
  void filesFromBytesAndPaths() throws Exception {
    Path doc = Files.writeString(media.resolveSibling("menu.pdf"), "%PDF-menu");
    try (BotTester tester = tester(on -> {
      on.command("menu", ctx -> ctx.replyFile(doc));
      on.command("csv", ctx -> ctx.replyFile("a,b".getBytes(), "report.csv"));
      on.command("url", ctx -> ctx.replyImage(java.net.URI.create("https://cdn.example/x.jpg")));
      on.command("face", ctx -> ctx.replyFace(5, "wink"));
    })) {
      tester.user("alice").says("/menu");
      tester.shouldReply(s -> {
        FileElem f = (FileElem) s.elements().get(0);
        assertThat(f.fileName()).isEqualTo("menu.pdf");
        assertThat(f.fileSize()).isEqualTo(9L);
        assertThat(f.downloadFlag()).isEqualTo(2);
        assertThat(f.url()).endsWith(".pdf");
      });
      tester.user("alice").says("/csv");
      tester.shouldReply(s -> assertThat(((FileElem) s.elements().get(0)).fileName()).isEqualTo("report.csv"));
      tester.user("alice").says("/url");
      tester.shouldReply(s -> assertThat(((ImageElem) s.elements().get(0)).imageFormat()).isEqualTo(ImageElem.FORMAT_JPG));
      tester.user("alice").says("/face");
      tester.shouldReply(s -> assertThat(s.elements()).containsExactly(dev.timbot.message.FaceElem.of(5, "wink")));
    }
  }

  @Test
  void aCustomMediaStoreCanBePlugged() {
    MediaStore s3 = (bytes, name, type) -> new MediaStore.Stored("https://s3.example/" + bytes.length, "k", bytes.length, type);
    try (BotTester tester = BotTester.builder().customize(b -> b.mediaStore(s3))
        .plugin((Plugin) on -> on.command("f", ctx -> ctx.replyFile(new byte[3], "a.bin"))).build()) {
      tester.user("u").says("/f");
      tester.shouldReply(s -> assertThat(((FileElem) s.elements().get(0)).url()).isEqualTo("https://s3.example/3"));
    }
  }

  @Test
  void revokeMarkReadAndSendElsewhere() {
    try (BotTester tester = BotTester.of(on -> {
      on.command("oops", ctx -> ctx.reply("wrong answer").thenCompose(ctx::revoke));
      on.command("read", Context::markRead);
      on.command("recall", ctx -> ctx.revoke(ctx.message()));
      on.command("tell", ctx -> ctx.send(dev.timbot.message.Conversation.group("@TGS#ops"), "fyi " + ctx.argText()));
    })) {
      tester.user("alice").says("/oops");
      tester.shouldReply("wrong answer");
      assertThat(tester.im().calls("withdrawMessage")).singleElement()
          .satisfies(c -> assertThat(c.args()).containsExactly("bot", "alice", tester.im().sent().get(0).msgKey()));
      tester.user("alice").says("/read");
      assertThat(tester.im().calls("setMessagesRead")).singleElement()
          .satisfies(c -> assertThat(c.args().subList(0, 2)).containsExactly("bot", "alice"));
      tester.user("alice").inGroup("@TGS#1").mentioningBot().says("/recall");
      assertThat(tester.im().calls("recallGroupMessages")).singleElement()
          .satisfies(c -> assertThat(c.args()).containsExactly("@TGS#1", List.of(1L)));
      tester.user("alice").says("/tell hello");
      tester.shouldSend(dev.timbot.message.Conversation.group("@TGS#ops"), "fyi hello");
    }
  }

  @Test
  void senderProfileIsCachedOnTheBotsClock() {
    try (BotTester tester = BotTester.of(on -> on.text(ctx -> ctx.reply("hi " + ctx.senderProfile().join().nick())))) {
      tester.im().profile("alice", "Alice");
      tester.user("alice").says("1");
      tester.user("alice").says("2");
      tester.shouldReply("hi Alice").shouldReply("hi Alice");
      assertThat(tester.im().profileLookups()).isEqualTo(1);
      tester.advance(Duration.ofMinutes(6));
      tester.user("alice").says("3");
      tester.shouldReply("hi Alice");
      assertThat(tester.im().profileLookups()).isEqualTo(2);
    }
  }

  @Test
  void groupInfoAndSessionsAndTheImClient() {
    AtomicReference<Context> seen = new AtomicReference<>();
    try (BotTester tester = BotTester.of(on -> on.text(ctx -> {
      int n = ctx.session().get("n", Integer.class).orElse(0) + 1;
      ctx.session().put("n", n);
      seen.set(ctx);
      ctx.reply(ctx.groupInfo().join().name() + " #" + n);
    }))) {
      tester.im().group("@TGS#1", "Support", List.of("owner", "alice"));
      tester.user("alice").inGroup("@TGS#1").mentioningBot().says("x");
      tester.user("bob").inGroup("@TGS#1").mentioningBot().says("y");
      tester.shouldReply("Support #1").shouldReply("Support #2");
      assertThat(seen.get().im()).isSameAs(tester.bot().im());
      assertThat(seen.get().clock()).isSameAs(tester.clock());
      // Sessions expire after dispatch.sessionTtl (30 min default) without use.
      tester.advance(Duration.ofMinutes(31));
      tester.user("alice").inGroup("@TGS#1").mentioningBot().says("z");
      tester.shouldReply("Support #1");
    }
  }

  @Test
  void replyFuturesCarryTheSentMessage() {
    AtomicReference<SentMessage> sent = new AtomicReference<>();
    try (BotTester tester = BotTester.of(on -> on.text(ctx -> ctx.reply("a").thenAccept(sent::set)))) {
      tester.user("alice").says("x");
      assertThat(sent.get().msgKey()).isEqualTo(tester.im().sent().get(0).msgKey());
      assertThat(sent.get().conversation()).isEqualTo(dev.timbot.message.Conversation.c2c("alice"));
    }
  }

  @Test
  void sendsToOneConversationLeaveInOrderAndOthersDoNotWait() {
    try (BotTester tester = BotTester.of(on -> on.text(ctx -> {
      ctx.reply("a");
      ctx.reply("b");
      ctx.reply("c");
    }))) {
      tester.im().holdSends();
      tester.user("alice").says("x");
      assertThat(tester.im().sent()).extracting(FakeIm.Sent::text).containsExactly("a");
      tester.user("bob").says("y"); // another conversation is not held up by alice's pending send
      assertThat(tester.im().sent()).extracting(FakeIm.Sent::text).containsExactly("a", "a");
      tester.im().releaseSends();
      tester.awaitSent(6);
      assertThat(tester.im().sent().stream().filter(s -> s.to().id().equals("alice")).map(FakeIm.Sent::text))
          .containsExactly("a", "b", "c");
    }
  }

  @Test
  void proactiveSendsAndGroupReadReports() {
    AtomicReference<Throwable> readFailure = new AtomicReference<>();
    try (BotTester tester = BotTester.of(on -> on.text(ctx -> ctx.markRead().exceptionally(e -> {
      readFailure.set(e);
      return null;
    })))) {
      tester.bot().send(dev.timbot.message.Conversation.c2c("carol"), "good morning").join();
      tester.shouldSend(dev.timbot.message.Conversation.c2c("carol"), "good morning");
      tester.user("alice").inGroup("@TGS#1").mentioningBot().says("x");
      assertThat(readFailure.get()).isInstanceOf(UnsupportedOperationException.class);
    }
  }
}
