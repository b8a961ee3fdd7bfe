package dev.timbot.samples.cs;

import static dev.timbot.samples.cs.CustomerServiceBrowserTest.awaitMessage;
import static dev.timbot.samples.cs.CustomerServiceBrowserTest.say;
import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.emulator.ConsoleBrowser;
import dev.timbot.emulator.ConsoleBrowser.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * What a real chat showed (issue 16), replayed in headless Chromium: a customer and an agent in
 * two console windows, the customer-service demo in between. Each test starts its own demo, so
 * every agent and customer is new to the bot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerServiceCorrectnessBrowserTest {
  static final Path TARGET = Path.of("target");
  static final String BOT = "@RBT#service";
  static final String RECEIVED = "[data-testid=message][data-own=false]";

  ConsoleBrowser browser;
  CustomerServiceDemo.Running demo;
  Path data;

  @BeforeAll
  void startBrowser() {
    ConsoleBrowser.assumeInstalled();
    browser = new ConsoleBrowser();
  }

  @BeforeEach
  void startDemo(@TempDir Path dir) {
    data = dir;
    demo = CustomerServiceDemo.start(new DemoOptions(0, 0, null, dir, Map.of()));
  }

  @AfterEach
  void stopDemo() {
    try {
      assertThat(browser.severeLogs()).as("browser console errors").isEmpty();
    } finally {
      browser.leaveAll();
      browser.reuseWindows();
      demo.close();
    }
  }

  @AfterAll
  void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  Window open(String user) {
    return browser.open(demo.im().baseUrl(), user, BOT);
  }

  /** The texts of every received message in the window, in page order (cards by their text). */
  static List<String> received(Window w) {
    return w.texts(RECEIVED);
  }

  /** Waits until the window shows at least {@code n} received messages. */
  static void awaitReceivedCount(Window w, int n) {
    w.until(d -> d.findElements(By.cssSelector(RECEIVED)).size() >= n);
  }

  static long pageWidth(Window w) {
    return (Long) w.js("return document.documentElement.scrollWidth;");
  }

  /** Waits until a received message follows the customer's own message {@code text} on the page. */
  static void awaitAnswerAfter(Window w, String text) {
    w.until(d -> (Boolean) w.js("""
        const mine = [...document.querySelectorAll('[data-testid=message][data-own=true]')]
            .filter((n) => n.textContent.includes(arguments[0]));
        if (!mine.length) return false;
        for (let n = mine[mine.length - 1].nextElementSibling; n; n = n.nextElementSibling) {
          if (n.dataset.own === 'false') return true;
        }
        return false;""", text));
  }

  /** Clicks "Recall" on the customer's own message containing {@code text}, and waits for it to go. */
  static void recallOwn(Window w, String text) {
    // In one script: the node is re-rendered when its status changes, so a held element goes stale.
    String key = (String) w.until(d -> w.js("""
        const n = [...document.querySelectorAll('[data-testid=message][data-own=true]')]
            .filter((m) => m.textContent.includes(arguments[0])).pop();
        const b = n && n.querySelector('[data-testid=msg-recall]');
        if (!b) return null;
        b.click();
        return n.dataset.key;""", text));
    w.until(d -> "true".equals(d.findElement(By.cssSelector("[data-key='" + key + "']")).getDomAttribute("data-recalled")));
  }

  void handOff(Window customer, Window agent) {
    say(customer, "转人工");
    awaitMessage(customer, "agent1");
    awaitMessage(agent, "New customer customer1");
  }

  /** Issue 16.1: a recalled message reaches nobody — not the agent's context, chat or the transcript. */
  @Test
  void aRecalledMessageNeverReachesTheAgentAndARelayedOneIsRecalledThere() throws Exception {
    Window agent = open("agent1");
    Window customer = open("customer1");
    say(customer, "my card PIN is 9999");
    awaitReceivedCount(customer, 1); // the bot has handled it
    recallOwn(customer, "9999");
    handOff(customer, agent);
    assertThat(received(agent)).noneMatch(t -> t.contains("9999")); // not in "Recent:"

    say(customer, "my new PIN is 4242");
    awaitMessage(agent, "[customer1] my new PIN is 4242");
    recallOwn(customer, "4242");
    // The relayed copy is recalled on the agent's side too.
    agent.until(d -> d.findElements(By.cssSelector(RECEIVED)).stream()
        .noneMatch(e -> e.getText().contains("4242")));
    agent.await(RECEIVED + "[data-recalled=true]");
    Path transcripts = data.resolve("service/transcripts.jsonl");
    agent.until(d -> {
      try {
        return Files.exists(transcripts) && !Files.readString(transcripts).contains("4242")
            && !Files.readString(transcripts).contains("9999");
      } catch (java.io.IOException e) {
        return false;
      }
    });
    say(agent, "/history");
    awaitMessage(agent, "History of customer1");
    assertThat(received(agent)).noneMatch(t -> t.contains("4242") || t.contains("9999"));
  }

  /**
   * Issues 16.2 and 16.6: the agent's ringing banner names the caller, and accepting the call does
   * not get the agent the customer welcome.
   */
  @Test
  void theAgentSeesWhoIsCallingAndIsNeverWelcomedAsACustomer() throws Exception {
    Window agent = open("agent1");
    Window customer = open("customer1");
    customer.click("call-audio");
    agent.until(d -> d.findElement(By.cssSelector("[data-testid=call-banner]")).isDisplayed());
    assertThat(agent.testId("call-banner-text").getText()).contains("customer1");
    agent.screenshot(TARGET.resolve("console-agent-ringing.png"));
    agent.click("call-accept");
    agent.until(d -> "connected".equals(agent.testId("call-state").getText()));
    agent.click("call-hangup");
    customer.until(d -> customer.testId("call-state").getText().startsWith("ended"));
    say(agent, "/list");
    awaitMessage(agent, "Serving:"); // sent after anything the accept could have caused
    assertThat(received(agent)).noneMatch(t -> t.contains("小T客服") || t.contains("type 'human'"));
  }

  /** Issue 16.3: a 20 000-character message reaches the agent in parts, and the customer is told. */
  @Test
  void aLongMessageReachesTheAgentInPartsAndTheCustomerIsTold() {
    Window agent = open("agent1");
    Window customer = open("customer1");
    handOff(customer, agent);
    String longText = "0123456789".repeat(2000);
    customer.js("const t = document.querySelector('[data-testid=message-input]'); t.value = arguments[0];"
        + "t.dispatchEvent(new Event('input'));", longText);
    customer.click("send-button");
    awaitMessage(customer, "4 parts");
    agent.until(d -> d.findElements(By.cssSelector(RECEIVED + " [data-testid=msg-text]")).stream()
        .anyMatch(e -> e.getText().startsWith("(4/4) ")));
    StringBuilder relayed = new StringBuilder();
    agent.texts(RECEIVED + " [data-testid=msg-text]").stream()
        .filter(t -> t.matches("(?s)\\(\\d/4\\) .*")).forEach(t -> relayed.append(t.replaceFirst("^\\(\\d/4\\) (\\[customer1\\] )?", "")));
    assertThat(relayed.toString()).isEqualTo(longText);
  }

  /**
   * Issue 16.5: every question gets an answer; after two misses a person is offered, not forced
   * on the customer, and "1" takes the offer.
   */
  @Test
  void everyMissIsAnsweredAndAPersonIsOfferedNotForced() {
    Window agent = open("agent1");
    Window customer = open("customer1");
    for (String nonsense : List.of("qwertyuiop", "asdfghjkl", "zxcvbnm")) {
      say(customer, nonsense);
      awaitAnswerAfter(customer, nonsense); // never silence
    }
    awaitMessage(customer, "Reply 1 to talk to a person");
    assertThat(received(agent)).noneMatch(t -> t.contains("New customer"));
    assertThat(received(customer)).noneMatch(t -> t.contains("is now with you"));
    say(customer, "1");
    awaitMessage(customer, "Agent agent1 is now with you");
    awaitMessage(agent, "New customer customer1");
  }

  /**
   * Issues 16.6 and 16.7: a relayed message turns "read" when the agent has read it, and the
   * rating is asked once (a card, not a card and the same text).
   */
  @Test
  void aRelayedMessageIsReadWhenTheAgentReadsItAndTheRatingIsAskedOnce() {
    Window agent = open("agent1");
    Window customer = open("customer1");
    handOff(customer, agent);
    say(customer, "thanks a lot");
    awaitMessage(agent, "[customer1] thanks a lot");
    agent.focus();
    customer.until(d -> (Boolean) customer.js("""
        return [...document.querySelectorAll('[data-testid=message][data-own=true]')]
            .some((n) => n.textContent.includes('thanks a lot')
                && n.querySelector('[data-testid=msg-status]')?.textContent === 'read');"""));
    say(agent, "/end");
    customer.await("[data-testid=rating-card]");
    customer.click("rating-button");
    awaitMessage(customer, "Thank you for your rating");
    assertThat(received(customer).stream().filter(t -> t.contains("reply 1–5"))).hasSize(1);
  }

  /** Issue 16.6: a call with no agent online is explained to the caller at once. */
  @Test
  void aCallerWithNoAgentOnlineIsToldAtOnce() {
    Window customer = open("customer1");
    customer.click("call-audio");
    awaitMessage(customer, "No agent can take your call");
    assertThat(customer.testId("call-state").getText()).doesNotContain("calling");
  }

  /**
   * Issue 16.7: the header names the peer as the list does, the customer's own message turns
   * "read" once the bot has read it, and the console works at phone width (screenshots of both).
   */
  @Test
  void theConsoleAtPhoneAndDesktopWidth() throws Exception {
    Window customer = open("customer1");
    say(customer, "hello");
    awaitMessage(customer, "Hello");
    String nameInList = "[data-testid=conversation-item][data-peer='" + BOT + "'] [data-testid=conversation-name]";
    customer.until(d -> "小T客服 Shop Assistant".equals(d.findElement(By.cssSelector(nameInList)).getText()));
    customer.until(d -> customer.testId("chat-title").getText().equals("小T客服 Shop Assistant"));
    assertThat(customer.testId("chat-peer-id").getText()).isEqualTo(BOT);
    customer.until(d -> d.findElements(By.cssSelector("[data-testid=message][data-own=true] [data-testid=msg-status]"))
        .stream().anyMatch(e -> "read".equals(e.getText()))); // the bot read it
    say(customer, "谢谢 😀👍");
    awaitAnswerAfter(customer, "谢谢");
    customer.screenshot(TARGET.resolve("console-desktop.png"));

    browser.resize(390, 844);
    try {
      customer.until(d -> !d.findElement(By.cssSelector(".sidebar")).isDisplayed());
      WebElement send = customer.testId("send-button");
      long right = (Long) customer.js("return Math.round(arguments[0].getBoundingClientRect().right);", send);
      assertThat(right).as("send button inside a phone's width").isLessThanOrEqualTo(390);
      assertThat(customer.testId("chat-back").isDisplayed()).isTrue();
      assertThat(pageWidth(customer)).as("no sideways scrolling").isLessThanOrEqualTo(390);
      customer.screenshot(TARGET.resolve("console-phone-chat.png"));
      customer.click("chat-back");
      customer.until(d -> d.findElement(By.cssSelector(".sidebar")).isDisplayed());
      assertThat(pageWidth(customer)).as("no sideways scrolling").isLessThanOrEqualTo(390);
      assertThat(customer.testId("logout").isDisplayed()).isTrue();
      customer.screenshot(TARGET.resolve("console-phone-list.png"));
    } finally {
      browser.resize(1280, 800);
    }
  }
}
