package wabot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import wabot.testing.Chromium;
import wabot.testing.Fixtures;
import wabot.testing.Harness;

/** The web simulator in a real Chromium: a person holds a whole conversation and sees what WhatsApp would show. */
@ExtendWith(Chromium.class)
class SimulatorBrowserTest {
    @TempDir
    Path dir;

    private Harness h;
    private ChromeDriver browser;

    @BeforeEach
    void start() {
        h = Harness.builder(dir).without("EXTERNAL_API_URL").start();
        browser = Chromium.start();
    }

    @AfterEach
    void stop() {
        try {
            browser.quit();
        } finally {
            h.close();
        }
    }

    @Test
    void aWholeConversationAsThePersonSeesIt() throws Exception {
        browser.get(h.uri("/simulator").toString());
        assertThat(browser.getCurrentUrl()).contains("/simulator?as=SIM.");
        assertThat(browser.findElement(By.cssSelector(".badge")).getText()).isEqualTo("SIMULATOR");
        assertThat(browser.findElement(By.id("who")).getText()).contains("simulated person").contains("Not WhatsApp");

        say("Hola");
        awaitBot(1);
        assertThat(botBubbles().get(0)).startsWith(h.prompt("name"));
        say("Ana");
        awaitBot(2);
        say("ana@example.com");
        awaitBot(3);
        say("No puedo entrar");
        awaitBot(4);
        assertThat(botBubbles().get(3)).contains("omitir");
        screenshot("simulator.png");
        say("omitir");
        awaitBot(6);

        var bot = botBubbles();
        assertThat(bot.get(4)).startsWith("¡Gracias! Estamos procesando tus respuestas");
        assertThat(bot.get(5)).contains("stand-in business API").contains("• name: Ana")
                .contains("• email: ana@example.com").contains("• issue: No puedo entrar");
        assertThat(browser.findElements(By.cssSelector(".bubble.in"))).extracting(e -> firstLine(e.getText()))
                .containsExactly("Hola", "Ana", "ana@example.com", "No puedo entrar", "omitir");
        assertThat(h.graph().requests()).as("nothing reaches Meta").isEmpty();
        assertThat(h.awaitSettled(browser.getCurrentUrl().replaceAll(".*as=", "")).state())
                .isEqualTo("CONVERSATION_ENDED");
    }

    private void say(String text) {
        var input = browser.findElement(By.id("text"));
        input.sendKeys(text);
        browser.findElement(By.id("send")).click();
    }

    private void awaitBot(int count) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> botBubbles().size() >= count);
    }

    private List<String> botBubbles() {
        return browser.findElements(By.cssSelector(".bubble.out > span:first-child")).stream()
                .map(WebElement::getText).toList();
    }

    private static String firstLine(String text) {
        return text.split("\n")[0];
    }

    /** Kept under target/ for a person to look at; {@code -Dwabot.screenshots=docs} writes the README's copies. */
    private void screenshot(String name) throws Exception {
        var folder = Fixtures.ROOT.resolve(System.getProperty("wabot.screenshots", "target/screenshots"));
        Files.createDirectories(folder);
        Files.write(folder.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
