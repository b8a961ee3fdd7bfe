package dev.timbot.emulator.internal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.timbot.emulator.ClientMessage;
import dev.timbot.emulator.LocalIm;
import dev.timbot.emulator.ConsoleBrowser;
import dev.timbot.emulator.ConsoleBrowser.Window;
import dev.timbot.message.CustomElem;
import dev.timbot.message.MessageElem;
import dev.timbot.emulator.internal.wire.Wire;
import dev.timbot.message.TextElem;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/**
 * The console in a real (headless) browser: two users chat, exchange an image and see each
 * other's read receipts; customer-service cards answer with the documented messages; a call goes
 * invite → ringing → accept → connected → hang up → ended on both sides. One Chromium, one
 * window per user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static final Path TARGET = Path.of("target");

  LocalIm im;
  ConsoleBrowser browser;

  @BeforeAll
  void start() {
    ConsoleBrowser.assumeInstalled();
    im = LocalIm.start();
    browser = new ConsoleBrowser();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (im != null) {
      im.stop();
    }
  }

  @AfterEach
  void noPageErrorsThenReuseWindows() {
    try {
      assertThat(browser.severeLogs()).as("browser console errors").isEmpty();
    } finally {
      browser.reuseWindows();
    }
  }

  @Test
  void twoUsersExchangeTextAndImageAndSeeReadReceipts() throws Exception {
    Window bob = browser.open(im.baseUrl(), "bob", null);
    Window alice = browser.open(im.baseUrl(), "alice", "bob");

    // Text, with markup that must stay text.
    String text = "hi <b>bob</b> & <script>x()</script>";
    alice.type("message-input", text);
    alice.click("send-button");
    alice.awaitText("[data-testid=message][data-own=true][data-kind=text] [data-testid=msg-text]", text);

    // Bob has not opened the chat: it is listed with one unread message.
    bob.until(d -> "1".equals(d.findElement(
        By.cssSelector("[data-testid=conversation-item][data-conversation-id=C2Calice]")).getDomAttribute("data-unread")));
    bob.await("[data-conversation-id=C2Calice] [data-testid=conversation-unread]");
    bob.clickOn("[data-testid=conversation-item][data-conversation-id=C2Calice]");
    bob.awaitText("[data-testid=message][data-from=alice] [data-testid=msg-text]", text);
    assertThat(bob.all("[data-testid=message] b, [data-testid=message] script")).isEmpty();

    // Opening the chat reported it read: Alice sees the receipt.
    alice.awaitText("[data-testid=message][data-own=true] [data-testid=msg-status][data-read=true]", "read");
    bob.until(d -> d.findElements(By.cssSelector("[data-testid=conversation-unread]")).isEmpty());

    // An image, uploaded by Bob and served back by the emulator.
    Path png = writePng(TARGET.resolve("console-test-image.png"));
    bob.testId("file-input").sendKeys(png.toAbsolutePath().toString());
    bob.await("[data-testid=message][data-own=true][data-kind=image]");
    String img = "[data-testid=message][data-from=bob][data-kind=image] img[data-testid=msg-image]";
    alice.until(d -> Boolean.TRUE.equals(alice.js(
        "const i = document.querySelector(arguments[0]); return !!i && i.complete && i.naturalWidth > 0;", img)));
    assertThat(alice.attribute(img, "src")).startsWith(im.baseUrl() + "/media/");
    // Alice has the chat open, so Bob's image is read at once.
    bob.await("[data-testid=message][data-kind=image] [data-testid=msg-status][data-read=true]");

    // A plain file becomes a download link to the emulator.
    Path notes = TARGET.resolve("console-test-notes.txt");
    Files.writeString(notes, "meeting at 10");
    bob.testId("file-input").sendKeys(notes.toAbsolutePath().toString());
    String file = "[data-testid=message][data-from=bob][data-kind=file] [data-testid=msg-file]";
    alice.until(d -> alice.await(file).getText().contains("console-test-notes.txt (13 B)"));
    String href = alice.attribute(file, "href");
    assertThat(href).startsWith(im.baseUrl() + "/media/");

    // A face, then a reply from Bob.
    alice.click("face-button");
    alice.clickOn("[data-testid=face-option][data-index='0']");
    bob.await("[data-testid=message][data-from=alice][data-kind=face] [data-testid=msg-face]");
    bob.type("message-input", "Nice picture, right?");
    bob.testId("message-input").sendKeys(org.openqa.selenium.Keys.ENTER);
    alice.await("[data-testid=message][data-from=bob][data-kind=text]");

    // Alice recalls her first message: both sides show it recalled.
    alice.clickOn("[data-testid=message][data-own=true][data-kind=text] [data-testid=msg-recall]");
    alice.await("[data-testid=message][data-own=true] [data-testid=msg-recalled]");
    bob.await("[data-testid=message][data-from=alice] [data-testid=msg-recalled]");
    assertThat(bob.texts("[data-testid=msg-text]")).isNotEmpty().doesNotContain(text);

    alice.type("message-input", "Thanks! Talk later.");
    alice.click("send-button");
    alice.awaitText("[data-testid=message][data-own=true][data-kind=text] [data-testid=msg-status]", "read");
    alice.screenshot(TARGET.resolve("console-screenshot.png"));
  }

  @Test
  void customerServiceCardsAnswerWithTheDocumentedMessages() throws Exception {
    im.users().login("desk");
    Window carol = browser.openWithLoginForm(im.baseUrl(), "carol");
    im.users().sendC2C("desk", "carol", List.of(CustomElem.of(
        "{\"customerServicePlugin\":0,\"src\":\"15\",\"content\":{\"header\":\"How can we help?\","
            + "\"items\":[{\"content\":\"Order status\"},{\"content\":\"Refunds\"},{\"content\":\"转人工\"}],"
            + "\"tail\":\"Pick one\"}}")), null);
    carol.clickOn("[data-testid=conversation-item][data-conversation-id=C2Cdesk]");
    String item = "[data-testid=cs-card] [data-testid=card-item][data-index='2']";
    carol.awaitText(item, "转人工");
    carol.clickOn(item);
    await().atMost(Duration.ofSeconds(10)).until(() -> sentBy("carol", "desk").stream()
        .anyMatch(e -> e instanceof TextElem t && t.text().equals("转人工")));

    im.users().sendC2C("desk", "carol", List.of(CustomElem.of(
        "{\"customerServicePlugin\":0,\"src\":\"9\",\"menuContent\":{\"head\":\"Rate us\",\"tail\":\"Thanks\","
            + "\"type\":2,\"menu\":[{\"id\":\"1\",\"content\":\"1\"},{\"id\":\"2\",\"content\":\"2\"},"
            + "{\"id\":\"3\",\"content\":\"3\"},{\"id\":\"4\",\"content\":\"4\"},{\"id\":\"5\",\"content\":\"5\"}],"
            + "\"sessionId\":\"s-42\",\"effectiveHour\":12,\"expireTime\":4102444800}}")), null);
    carol.clickOn("[data-testid=rating-card] [data-testid=rating-button][data-id='5']");
    carol.await("[data-testid=rating-done]");
    await().atMost(Duration.ofSeconds(10)).until(() -> sentBy("carol", "desk").stream()
        .anyMatch(e -> e instanceof CustomElem));
    CustomElem rated = (CustomElem) sentBy("carol", "desk").stream().filter(e -> e instanceof CustomElem)
        .findFirst().orElseThrow();
    JsonNode answer = Wire.mapper().readTree(rated.data());
    assertThat(answer.path("customerServicePlugin").asInt(-1)).isZero();
    assertThat(answer.path("src").asText()).isEqualTo("10");
    assertThat(answer.path("menuSelected").path("id").asText()).isEqualTo("5");
    assertThat(answer.path("menuSelected").path("content").asText()).isEqualTo("5");
    assertThat(answer.path("menuSelected").path("sessionId").asText()).isEqualTo("s-42");

    // Anything else custom is shown as a compact JSON preview.
    im.users().sendC2C("desk", "carol", List.of(CustomElem.of("{\"businessID\":\"order\",\"id\":7}")), null);
    carol.until(d -> carol.await("[data-testid=message][data-kind=custom] [data-testid=msg-custom]").getText()
        .contains("\"businessID\":\"order\""));
    carol.screenshot(TARGET.resolve("console-cards-screenshot.png"));

    carol.click("logout");
    carol.until(d -> carol.testId("login-screen").isDisplayed());
    assertThat(carol.testId("app").isDisplayed()).isFalse();
    // A user ID the service refuses (over 32 bytes) is reported on the form.
    carol.type("login-user", "用户".repeat(11));
    carol.click("login-submit");
    carol.until(d -> carol.testId("login-error").getText().contains("70402")
        || carol.testId("login-error").getText().contains("32 bytes"));
  }

  @Test
  void callInviteRingAcceptHangUp() throws Exception {
    Window dave = browser.open(im.baseUrl(), "dave", null);
    Window erin = browser.open(im.baseUrl(), "erin", "dave");
    // Frank's console gives up ringing after 2 s instead of 60.
    Window frank = browser.open(im.baseUrl(), "frank", "dave", "&callTimeout=2");
    String state = testId("call-state");

    erin.click("call-video");
    erin.awaitText(state, "calling…");
    dave.until(d -> dave.testId("call-banner").isDisplayed());
    assertThat(dave.testId("call-banner-text").getText()).contains("erin").contains("video");
    dave.awaitText(state, "ringing");
    dave.screenshot(TARGET.resolve("console-call-screenshot.png"));
    dave.click("call-accept");
    dave.awaitText(state, "connected");
    erin.awaitText(state, "connected");
    assertThat(dave.testId("call-banner").isDisplayed()).isFalse();

    // Dave is on a call, so his console answers Frank's invite with busy by itself.
    frank.click("call-audio");
    frank.awaitText(state, "busy");
    dave.awaitText(state, "connected");
    erin.screenshot(TARGET.resolve("console-call-connected-screenshot.png"));

    erin.click("call-hangup");
    erin.until(d -> erin.testId("call-state").getText().matches("ended \\(\\d+ s\\)"));
    dave.until(d -> dave.testId("call-state").getText().matches("ended \\(\\d+ s\\)"));

    // On the wire: legacy v3 messages echoing one room, actions invite 0, accept 4, hang-up 5.
    List<JsonNode> signals = callSignals("erin", "dave");
    // Within one second the roaming order is by each sender's MsgSeq, so compare as a set.
    assertThat(signals).extracting(s -> s.path("action").asInt()).containsExactlyInAnyOrder(0, 4, 5);
    assertThat(signals).allSatisfy(s -> {
      assertThat(s.path("version").asInt()).isEqualTo(3);
      assertThat(s.path("call_id").asText("x")).isEmpty();
      assertThat(s.path("invited_list").isArray()).isTrue();
      assertThat(s.path("call_type").asInt()).isEqualTo(2);
      assertThat(s.path("room_id").asLong()).isEqualTo(signals.get(0).path("room_id").asLong()).isPositive();
    });
    assertThat(signals).filteredOn(s -> s.path("action").asInt() == 5)
        .singleElement().satisfies(s -> assertThat(s.path("duration").isInt()).isTrue());

    // Rejected.
    erin.click("call-audio");
    dave.until(d -> dave.testId("call-banner").isDisplayed());
    dave.click("call-reject");
    erin.awaitText(state, "rejected");
    dave.awaitText(state, "rejected");

    // Cancelled while ringing.
    erin.click("call-video");
    dave.awaitText(state, "ringing");
    erin.click("call-cancel");
    erin.awaitText(state, "cancelled");
    dave.awaitText(state, "cancelled");
    dave.until(d -> !dave.testId("call-banner").isDisplayed());

    // Nobody answers Frank: after his timeout both sides show "no answer".
    frank.click("call-audio");
    dave.awaitText(state, "ringing");
    frank.awaitText(state, "no answer");
    dave.awaitText(state, "no answer");
    assertThat(callSignals("frank", "dave")).extracting(s -> s.path("action").asInt())
        .containsExactlyInAnyOrder(0, 6, 0, 3);
  }

  private List<JsonNode> callSignals(String a, String b) throws Exception {
    List<JsonNode> signals = new ArrayList<>();
    for (ClientMessage m : im.users().history(a, "C2C" + b, 50)) {
      for (MessageElem e : m.body()) {
        if (e instanceof CustomElem c) {
          signals.add(Wire.mapper().readTree(c.data()));
        }
      }
    }
    return signals;
  }

  /** Every element {@code from} sent to {@code to}, oldest first. */
  private List<MessageElem> sentBy(String from, String to) {
    List<MessageElem> out = new ArrayList<>();
    for (ClientMessage m : im.users().history(to, "C2C" + from, 100)) {
      if (m.from().equals(from)) {
        out.addAll(m.body());
      }
    }
    return out;
  }

  private static String testId(String id) {
    return "[data-testid='" + id + "']";
  }

  private static Path writePng(Path path) throws Exception {
    BufferedImage img = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(0x2563eb), 320, 200, new Color(0xf59e0b)));
    g.fillRect(0, 0, 320, 200);
    g.setColor(Color.WHITE);
    g.fillOval(110, 50, 100, 100);
    g.dispose();
    Files.createDirectories(path.getParent());
    ImageIO.write(img, "png", path.toFile());
    return path;
  }
}
