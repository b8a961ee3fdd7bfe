package dev.timbot.samples.cs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.emulator.ConsoleBrowser;
import dev.timbot.emulator.ConsoleBrowser.Window;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The demo as a person uses it: a customer and an agent in two headless-Chromium console windows,
 * the bot in between (real callbacks and REST on loopback).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustomerServiceBrowserTest {
  static final Path TARGET = Path.of("target");
  static final String BOT = "@RBT#service";

  @TempDir static Path data;
  CustomerServiceDemo.Running demo;
  ConsoleBrowser browser;

  @BeforeAll
  void start() {
    ConsoleBrowser.assumeInstalled();
    demo = CustomerServiceDemo.start(new DemoOptions(0, 0, null, data, Map.of()));
    browser = new ConsoleBrowser();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (demo != null) {
      demo.close();
    }
  }

  @AfterEach
  void noPageErrors() {
    try {
      assertThat(browser.severeLogs()).as("browser console errors").isEmpty();
    } finally {
      browser.reuseWindows();
    }
  }

  /** Waits for a received message bubble whose text contains {@code text}. */
  static void awaitMessage(Window w, String text) {
    try {
      w.until(d -> d.findElements(By.cssSelector("[data-testid=message][data-own=false] [data-testid=msg-text]"))
          .stream().map(WebElement::getText).anyMatch(t -> t.contains(text)));
    } catch (org.openqa.selenium.TimeoutException e) {
      try {
        w.screenshot(TARGET.resolve("customer-service-failure.png")); // what the page showed
      } catch (java.io.IOException ignored) {
        // the timeout is the failure worth reporting
      }
      throw new AssertionError("no message containing '" + text + "' arrived", e);
    }
  }

  static void say(Window w, String text) {
    w.type("message-input", text);
    w.click("send-button");
  }

  @Test
  @Order(1)
  void faqAnswerThenHandoffAndTheAgentGetsTheRelayedMessage() throws Exception {
    Window agent = browser.open(demo.im().baseUrl(), "agent1", BOT);
    Window customer = browser.open(demo.im().baseUrl(), "customer1", BOT);

    say(customer, "怎么申请退款");
    awaitMessage(customer, "申请售后");
    say(customer, "转人工");
    awaitMessage(customer, "agent1");
    awaitMessage(agent, "New customer customer1");
    say(customer, "my parcel is late");
    awaitMessage(agent, "[customer1] my parcel is late");
    say(agent, "Sorry about that, checking now.");
    awaitMessage(customer, "Sorry about that, checking now.");
    customer.screenshot(TARGET.resolve("customer-service-chat.png"));
  }

  @Test
  @Order(2)
  void aCustomerCallsTheHotlineAndAnAgentAnswers() {
    Window agent = browser.open(demo.im().baseUrl(), "agent1", BOT);
    Window customer = browser.open(demo.im().baseUrl(), "customer1", BOT);

    customer.click("call-audio");
    agent.until(d -> !d.findElements(By.cssSelector("[data-testid=call-banner]")).isEmpty()
        && d.findElement(By.cssSelector("[data-testid=call-banner]")).isDisplayed());
    agent.click("call-accept");
    agent.until(d -> "connected".equals(agent.testId("call-state").getText()));
    customer.until(d -> "connected".equals(customer.testId("call-state").getText()));

    agent.click("call-hangup");
    agent.until(d -> agent.testId("call-state").getText().startsWith("ended"));
    customer.until(d -> customer.testId("call-state").getText().startsWith("ended"));
  }
}
