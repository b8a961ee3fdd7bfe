package dev.timbot.emulator;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium (through the Debian chromedriver, so Selenium Manager never
 * downloads anything) with one window per console user. Windows, not tabs: a background tab is
 * "hidden" and the console only reports a conversation read while it is visible.
 */
public final class ConsoleBrowser implements AutoCloseable {
  public static final String CHROMIUM = "/usr/bin/chromium";
  public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final Duration WAIT = Duration.ofSeconds(15);

  public final ChromeDriver driver;
  private final List<String> windows = new java.util.ArrayList<>();
  private int used;

  /** Skips the calling test (not fails) on machines without the Debian packages. */
  public static void assumeInstalled() {
    Assumptions.assumeTrue(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
        "needs Debian chromium and chromium-driver: apt-get install -y chromium chromium-driver");
  }

  public ConsoleBrowser() {
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--window-size=1280,800",
        // Two windows share one renderer budget; keep the unfocused one running its timers.
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
        "--disable-backgrounding-occluded-windows");
    // Page errors (exceptions, failed requests) are collected so tests can insist on none.
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    this.driver = new ChromeDriver(service, options);
    windows.add(driver.getWindowHandle());
  }

  /** Lets the next test reuse the open windows (navigating away logs their users out). */
  public void reuseWindows() {
    used = 0;
  }

  /** Opens a console window for {@code user} (and optionally a peer) and waits for the login. */
  public Window open(String baseUrl, String user, String peer) {
    return open(baseUrl, user, peer, "");
  }

  /** Opens the bare console page and logs in through the login form, as a person would. */
  public Window openWithLoginForm(String baseUrl, String user) {
    return open(baseUrl, user, null, null);
  }

  /**
   * As {@link #open(String, String, String)}, with more query parameters ({@code &callTimeout=2});
   * {@code moreQuery} null means: no URL login, use the form.
   */
  public Window open(String baseUrl, String user, String peer, String moreQuery) {
    String handle;
    if (used < windows.size()) {
      handle = windows.get(used);
    } else {
      driver.switchTo().newWindow(WindowType.WINDOW);
      handle = driver.getWindowHandle();
      driver.manage().window().setSize(new Dimension(1280, 800));
      windows.add(handle);
    }
    used++;
    Window w = new Window(handle);
    w.focus();
    if (moreQuery == null) {
      driver.get(baseUrl + "/");
      w.type("login-user", user);
      w.click("login-submit");
    } else {
      driver.get(baseUrl + "/?user=" + encode(user) + (peer == null ? "" : "&peer=" + encode(peer)) + moreQuery);
    }
    w.until(d -> user.equals(d.findElement(By.cssSelector("[data-testid=me]")).getText()));
    w.until(d -> "online".equals(w.testId("connection-state").getDomAttribute("data-state")));
    if (peer != null) {
      w.until(d -> peer.equals(w.testId("chat-title").getDomAttribute("data-peer")));
    }
    return w;
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** SEVERE browser-console entries (script errors, failed loads) of every window since the last call. */
  public List<String> severeLogs() {
    List<String> out = new java.util.ArrayList<>();
    for (String handle : windows) {
      driver.switchTo().window(handle);
      for (org.openqa.selenium.logging.LogEntry e : driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)) {
        if (e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
          out.add(e.getMessage());
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    driver.quit();
  }

  /**
   * Leaves every console page (so none keeps reconnecting to an emulator that is about to stop)
   * and drops the browser logs that caused.
   */
  public void leaveAll() {
    for (String handle : windows) {
      driver.switchTo().window(handle);
      driver.get("about:blank");
    }
    severeLogs();
  }

  /** Resizes the current window, e.g. to a phone's 390 × 844 CSS pixels. */
  public void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** One user's window; every call switches to it first. */
  public final class Window {
    final String handle;

    Window(String handle) {
      this.handle = handle;
    }

    public Window focus() {
      if (!handle.equals(driver.getWindowHandle())) {
        driver.switchTo().window(handle);
      }
      return this;
    }

    public <T> T until(Function<WebDriver, T> condition) {
      focus();
      return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(condition::apply);
    }

    public WebElement testId(String id) {
      focus();
      return driver.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    public List<WebElement> all(String css) {
      focus();
      return driver.findElements(By.cssSelector(css));
    }

    public void click(String testId) {
      testId(testId).click();
    }

    public void type(String testId, String text) {
      WebElement e = testId(testId);
      e.clear();
      if (text.codePoints().allMatch(Character::isBmpCodePoint)) {
        e.sendKeys(text);
      } else {
        // ChromeDriver refuses characters outside the BMP (emoji) in keystrokes ("only supports
        // characters in the BMP", Chromium 150): insert the text as the browser's own text input, which
        // fires the same input event typing does.
        js("arguments[0].focus(); document.execCommand('insertText', false, arguments[1]);", e, text);
      }
    }

    /** Waits until an element matching {@code css} is present and returns it. */
    public WebElement await(String css) {
      return until(d -> {
        List<WebElement> found = d.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(found.size() - 1);
      });
    }

    /**
     * Waits for the last element matching {@code css} and clicks it, finding it again if the
     * console re-rendered it between the two steps, or trying again while a re-render covers it.
     */
    public void clickOn(String css) {
      focus();
      new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .ignoring(org.openqa.selenium.ElementClickInterceptedException.class).until(d -> {
        List<WebElement> found = d.findElements(By.cssSelector(css));
        if (found.isEmpty()) {
          return false;
        }
        found.get(found.size() - 1).click();
        return true;
      });
    }

    /** Waits until the last element matching {@code css} has attribute {@code name}, and returns it. */
    public String attribute(String css, String name) {
      return until(d -> {
        List<WebElement> found = d.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(found.size() - 1).getDomAttribute(name);
      });
    }

    /** Waits until the last element matching {@code css} has exactly {@code text}. */
    public void awaitText(String css, String text) {
      until(d -> {
        List<WebElement> found = d.findElements(By.cssSelector(css));
        return !found.isEmpty() && text.equals(found.get(found.size() - 1).getText());
      });
    }

    /**
     * The rendered text of every element matching {@code css}, read in one script call. The
     * console re-renders messages as receipts and recalls arrive, so element handles found first
     * and read later can go stale between the two steps.
     */
    @SuppressWarnings("unchecked")
    public List<String> texts(String css) {
      return (List<String>) js("return Array.from(document.querySelectorAll(arguments[0]), e => e.innerText);", css);
    }

    public Object js(String script, Object... args) {
      focus();
      return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public void screenshot(Path target) throws java.io.IOException {
      focus();
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.createDirectories(target.getParent());
      Files.write(target, png);
    }
  }
}
