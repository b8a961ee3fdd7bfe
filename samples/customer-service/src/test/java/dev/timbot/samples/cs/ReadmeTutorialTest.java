package dev.timbot.samples.cs;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.bot.Main;
import dev.timbot.emulator.ConsoleBrowser;
import dev.timbot.emulator.ConsoleBrowser.Window;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The README's "your first bot in five minutes", step by step as a newcomer follows it: copy the
 * starter, run it (the emulator comes up wired to the bot), open the console URL it prints, type
 * what the README says and get the reply the README promises. The texts come from the README
 * itself, so README and starter cannot drift apart.
 */
class ReadmeTutorialTest {
  static final Path REPO = Path.of("../..");

  @Test
  void theFirstBotTutorialWorksAsWritten(@TempDir Path home) throws Exception {
    String readme = Files.readString(REPO.resolve("README.md"));
    int start = readme.indexOf("## Your first bot in five minutes");
    assertThat(start).as("the tutorial section").isNotNegative();
    String tutorial = readme.substring(start, readme.indexOf("\n## ", start + 1));

    // 1. Copy the starter.
    assertThat(tutorial).contains("cp -r samples/starter my-bot");
    Path myBot = home.resolve("my-bot");
    copy(REPO.resolve("samples/starter"), myBot);
    assertThat(myBot.resolve("pom.xml")).content().contains("<artifactId>my-first-bot</artifactId>");
    assertThat(myBot.resolve("bot.yaml")).exists();
    assertThat(myBot.resolve("src/main/java/com/example/bot/GreeterPlugin.java")).exists();
    assertThat(myBot.resolve("src/test/java/com/example/bot/GreeterPluginTest.java")).exists();

    // 2. Run it: one command starts the emulator wired to the bot and prints the console URL.
    assertThat(tutorial).contains("java -jar target/my-first-bot.jar");
    Matcher url = Pattern.compile("(http://127\\.0\\.0\\.1:9000/\\?user=(\\w+)&peer=\\S+)").matcher(tutorial);
    assertThat(url.find()).as("the console URL in the README").isTrue();
    Matcher chat = Pattern.compile("type `([^`]+)`\\. The bot answers: \\*\\*([^*]+)\\*\\*").matcher(tutorial);
    assertThat(chat.find()).as("what to type and the reply, in the README").isTrue();

    ConsoleBrowser.assumeInstalled();
    // Port 0 instead of 9000 and 8080: tests never take fixed ports.
    try (Main.Running bot = Main.start(0, Map.of("CALLBACK_PORT", "0"));
        ConsoleBrowser browser = new ConsoleBrowser()) {
      assertThat(bot.consoleUrl().replaceFirst(":\\d+/", ":9000/")).isEqualTo(url.group(1));
      String user = url.group(2);
      Window w = browser.open(bot.im().baseUrl(), user, bot.bot().account()); // = the printed URL

      // 3. Chat in the console: type what the README says, get the reply it promises.
      w.type("message-input", chat.group(1));
      w.click("send-button");
      w.until(d -> d.findElements(By.cssSelector("[data-testid=message][data-own=false] [data-testid=msg-text]"))
          .stream().map(WebElement::getText).anyMatch(chat.group(2)::equals));
      assertThat(browser.severeLogs()).isEmpty();
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files.filter(p -> !p.toString().contains("/target"))::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
