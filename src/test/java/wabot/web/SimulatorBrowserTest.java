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
import wabot.flow.FlowLoader;
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
        browser = Chromium.start();
    }

    @AfterEach
    void stop() {
        try {
            browser.quit();
        } finally {
            if (h != null) {
                h.close();
            }
        }
    }

    @Test
    void aWholeConversationAsThePersonSeesIt() throws Exception {
        h = Harness.builder(dir).without("EXTERNAL_API_URL").start();
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

    /**
     * The example flow with every type, as a person goes through it on the page: buttons, a list, typed answers, a
     * refused one, a shared location and a photo, then the stand-in's summary of the typed answers.
     */
    @Test
    void aBranchingConversationWithButtonsAListAPhotoAndALocation() throws Exception {
        h = Harness.builder(dir).without("EXTERNAL_API_URL")
                .flow(FlowLoader.load(Fixtures.ROOT.resolve("examples/flows/service-request.yaml"))).start();
        browser.get(h.uri("/simulator").toString());

        say("Hola");
        awaitBot(1);
        say("Ana");
        awaitBot(2);
        assertThat(optionsOfLatest()).containsExactly("Reparación", "Instalación", "Facturación");
        tapInLatest("Reparación");
        awaitBot(3);
        var list = latestBot().findElement(By.cssSelector(".list-button"));
        assertThat(list.getText()).isEqualTo("☰ Elegir");
        assertThat(latestBot().findElements(By.cssSelector(".options .options")).get(0).isDisplayed()).isFalse();
        list.click();
        screenshot("simulator-choices.png");
        tapInLatest("Lavarropas");
        awaitBot(4);
        assertThat(optionsOfLatest()).containsExactly("Sí", "No");
        tapInLatest("No");
        awaitBot(5);
        assertThat(botBubbles().get(4)).startsWith("¿Qué día podemos pasar?");
        say("pronto");
        awaitBot(6);
        assertThat(botBubbles().get(5)).startsWith("No entendí la fecha.");
        say("mañana");
        awaitBot(7);
        say("1");
        awaitBot(8);
        assertThat(botBubbles().get(7)).as("no lift question below the 3rd floor").startsWith("Compartinos la ubicación");

        browser.findElement(By.id("attach")).click();
        browser.findElement(By.id("location")).click();
        awaitBot(9);
        assertThat(botBubbles().get(8)).startsWith("Si podés, mandanos una foto del equipo.");
        var photo = dir.resolve("lavarropas.png");
        Files.write(photo, java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
        browser.findElement(By.id("attach")).click();
        browser.findElement(By.id("file")).sendKeys(photo.toString());
        awaitBot(10);
        say("omitir");
        awaitBot(11);
        say("omitir");
        awaitBot(12);
        say("ana@example.com");
        awaitBot(13);
        say("omitir");
        awaitBot(15);

        var summary = botBubbles().get(14);
        assertThat(summary).contains("stand-in business API").contains("• topic: repair").contains("• appliance: washer")
                .contains("• urgent: false").contains("• floor: 1")
                .contains("• place: {\"latitude\":-34.6037,\"longitude\":-58.3816,\"name\":\"Obelisco\"")
                .contains("• photo: {\"type\":\"image\"").contains("\"mime_type\":\"image/png\"")
                .contains("• email: ana@example.com")
                .doesNotContain("invoice").doesNotContain("elevator").doesNotContain("noise");
        assertThat(browser.findElements(By.cssSelector(".bubble.in"))).extracting(e -> firstLine(e.getText()))
                .contains("Reparación", "Lavarropas", "No", "pronto", "📍 Obelisco (-34.6037, -58.3816)",
                        "📎 image");
        assertThat(h.graph().requests()).as("nothing reaches Meta").isEmpty();
        var session = h.awaitSettled(browser.getCurrentUrl().replaceAll(".*as=", ""));
        assertThat(session.state()).isEqualTo("CONVERSATION_ENDED");
        assertThat(session.answers()).extracting(a -> a.path("question_id").asText()).containsExactly("name", "topic",
                "appliance", "urgent", "visit_day", "floor", "place", "photo", "email");
    }

    private WebElement latestBot() {
        var bubbles = browser.findElements(By.cssSelector(".bubble.out"));
        return bubbles.get(bubbles.size() - 1);
    }

    private List<String> optionsOfLatest() {
        return latestBot().findElements(By.cssSelector("button.option")).stream()
                .map(b -> firstLine(b.getText())).toList();
    }

    private void tapInLatest(String title) {
        latestBot().findElements(By.cssSelector("button.option")).stream()
                .filter(b -> firstLine(b.getText()).equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no option " + title + " in " + optionsOfLatest()))
                .click();
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
