package wabot.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import wabot.testing.Await;
import wabot.testing.Chromium;
import wabot.testing.FakeExternalApi.Response;
import wabot.testing.Fixtures;
import wabot.testing.Harness;
import wabot.testing.StoredRows;
import wabot.testing.Webhooks;

/**
 * The console in a real Chromium, as a support lead uses it: sign in with the admin token, read the overview, find a
 * conversation by phone, read its transcript, retry its failed submission, and download the answers as CSV.
 */
@ExtendWith(Chromium.class)
class ConsoleBrowserTest {
    private static final String TOKEN = "support-lead-token";
    private static final String ANA = Webhooks.USER_A;
    private static final String BEN = Webhooks.USER_B;
    private static final String LUCIA = "5491155550123";
    private static final String MARTA = "34600111222";
    private static final String CARLOS = "5215512345678";
    private static final String TOMAS = "56912345678";

    @TempDir
    Path dir;
    @TempDir
    Path downloads;

    private Harness h;
    private ChromeDriver browser;

    @BeforeEach
    void start() {
        // A short session TTL, so that a person who goes silent is abandoned while the test runs.
        h = Harness.builder(dir).env("ADMIN_TOKEN", TOKEN).env("SESSION_TTL", "3s").env("TIME_ZONE", "UTC").start();
        browser = Chromium.start(downloads);
        browser.manage().window().setSize(new Dimension(1280, 1000));
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
    void aSupportLeadFindsAConversationRetriesItsSubmissionAndExportsTheAnswers() throws Exception {
        peopleTalk();

        browser.get(h.uri("/console").toString());
        assertThat(browser.getCurrentUrl()).contains("/sign-in");
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        await(d -> d.getCurrentUrl().endsWith("/console"));
        assertThat(stat("Active now")).isEqualTo("2");
        assertThat(stat("Finished")).isEqualTo("2");
        assertThat(stat("Abandoned")).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("table.codes")).getText())
                .contains("131026").contains("Undeliverable");
        screenshot("console-overview.png");

        browser.findElement(By.linkText("Conversations")).click();
        browser.findElement(By.id("q")).sendKeys("+54 9 11 5555-0123");
        browser.findElement(By.id("find")).click();
        await(d -> d.findElements(By.cssSelector("table.list tbody tr")).size() == 1);
        browser.findElement(By.cssSelector("table.list tbody tr td a")).click();
        await(d -> !d.findElements(By.id("transcript")).isEmpty());
        assertThat(texts(".bubble.in .text")).containsExactly("Hola", "Lucía Fernández", "lucia@example.com",
                "El pedido 4471 llegó roto, ¿qué hago?", "omitir");
        assertThat(texts(".bubble.out .text")).last().asString().startsWith("Lo sentimos");
        assertThat(browser.findElement(By.cssSelector(".submission .pill")).getText()).isEqualTo("Failed");

        var firstCall = h.api().calls(("+" + LUCIA)).get(0);
        h.api().respondWith(call -> Response.finish("Gracias"));
        browser.findElement(By.cssSelector("button.retry")).click();
        await(d -> d.findElement(By.cssSelector(".notice")).getText().startsWith("Submission queued"));
        var retried = h.api().awaitCalls("+" + LUCIA, 3).get(2);
        assertThat(retried.idempotencyKey()).isEqualTo(firstCall.idempotencyKey());
        Await.until("the retried submission shows as delivered", Duration.ofSeconds(20), () -> {
            browser.navigate().refresh();
            return browser.findElement(By.cssSelector(".submission .pill")).getText().equals("Delivered");
        });

        browser.findElement(By.linkText("Conversations")).click();
        browser.findElement(By.id("q")).sendKeys("+" + ANA);
        browser.findElement(By.id("find")).click();
        await(d -> d.findElements(By.cssSelector("table.list tbody tr")).size() == 1);
        browser.findElement(By.cssSelector("table.list tbody tr td a")).click();
        await(d -> !d.findElements(By.cssSelector(".ticks.read")).isEmpty());
        screenshot("console-transcript.png");

        browser.findElement(By.linkText("Export")).click();
        browser.findElement(By.id("download-csv")).click();
        var csv = Await.value("the CSV download", Duration.ofSeconds(20), this::downloaded, p -> p != null);
        var bytes = Files.readAllBytes(csv);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        var rows = ExportTest.parse(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
        assertThat(rows.get(0)).endsWith("name", "email", "issue", "comment");
        assertThat(rows).filteredOn(r -> r.get(6).equals("'+" + LUCIA)).singleElement()
                .satisfies(r -> assertThat(r).contains("done", "Lucía Fernández", "lucia@example.com",
                        "El pedido 4471 llegó roto, ¿qué hago?"));
        assertThat(rows).hasSize(1 + 3);
    }

    /**
     * Six people: Marta goes silent (abandoned); Ana and Ben finish, and Ana reads every reply; Lucía's submission
     * fails; Carlos is mid-conversation with a reply held back by Meta's pair limit; Tomás cannot be reached.
     */
    private void peopleTalk() {
        h.api().respondWith(call -> ("+" + LUCIA).equals(call.userPhone()) ? Response.json(503, "{}")
                : Response.finish("¡Gracias! Te escribimos en menos de 24 horas."));
        say(MARTA, "Marta Gómez", "Hola");
        say(MARTA, "Marta Gómez", "Marta");
        Await.until("Marta's conversation abandoned", Duration.ofSeconds(90), () -> StoredRows.count(h.database(),
                "conversations", "user_key = ? AND status = 'abandoned'", MARTA) == 1);

        converse(ANA, "Ana Souza", "Ana Souza", "ana.souza@example.com", "No puedo entrar a mi cuenta desde ayer",
                "Uso la app en Android");
        converse(BEN, "Ben Carter", "Ben Carter", "ben@example.co.uk", "Where is my refund?", "omitir");
        converse(LUCIA, "Lucía Fernández", "Lucía Fernández", "lucia@example.com",
                "El pedido 4471 llegó roto, ¿qué hago?", "omitir");
        h.graph().keepFailingFor(TOMAS, 131026, 400, null);
        say(TOMAS, "Tomás Díaz", "Buenas");
        say(CARLOS, "Carlos Ruiz", "Hola");
        h.graph().awaitMessages(CARLOS, 1);
        h.graph().keepFailingFor(CARLOS, 131056, 400, null);
        say(CARLOS, "Carlos Ruiz", "Carlos Ruiz");
        for (var who : List.of(ANA, BEN, LUCIA)) {
            h.awaitSession(who, "ended", s -> "CONVERSATION_ENDED".equals(s.state()) && s.settled());
        }
        for (var request : h.graph().requests(ANA)) {
            h.deliver(Webhooks.status("status_delivered.json", request.wamid(), ANA));
            h.deliver(Webhooks.status("status_read.json", request.wamid(), ANA));
        }
        h.awaitSession(TOMAS, "the reply refused", s -> "failed".equals(s.replies().get(0).path("status").asText()));
        h.awaitSession(CARLOS, "the second reply held back", s -> s.replies().size() == 2
                && s.replies().get(1).path("attempts").asInt() >= 1);
    }

    private void converse(String who, String profile, String... answers) {
        say(who, profile, "Hola");
        int replies = 1;
        h.graph().awaitMessages(who, replies);
        for (int i = 0; i < answers.length; i++) {
            say(who, profile, answers[i]);
            replies += i == answers.length - 1 ? 2 : 1;
            if (i < answers.length - 1) {
                h.graph().awaitMessages(who, replies);
            }
        }
    }

    private void say(String who, String profile, String text) {
        h.deliver(Webhooks.textAs(who, profile, Webhooks.newWamid(), text));
    }

    private String stat(String label) {
        return browser.findElements(By.cssSelector("a.stat")).stream()
                .filter(card -> card.findElement(By.cssSelector(".label")).getText().equals(label))
                .map(card -> card.findElement(By.cssSelector(".value")).getText()).findFirst().orElse(null);
    }

    private List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    private void await(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(condition);
    }

    private Path downloaded() {
        try (var files = Files.list(downloads)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst().orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Kept under target/ for a person to look at; {@code -Dwabot.screenshots=docs} writes the README's copies. */
    private void screenshot(String name) throws Exception {
        var folder = Fixtures.ROOT.resolve(System.getProperty("wabot.screenshots", "target/screenshots"));
        Files.createDirectories(folder);
        Files.write(folder.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
