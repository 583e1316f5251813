package wabot.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Await;
import wabot.testing.Browserless;
import wabot.testing.Harness;

/**
 * The web simulator's HTTP side on the real server: its people talk through intake, the engine and the outbox,
 * their replies never reach Meta, and every POST needs the page's CSRF token.
 */
class SimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PERSON = "SIM.123456789";

    @TempDir
    Path dir;

    @Test
    void withoutAPersonThePageStartsAsANewSimulatedOne() {
        try (var h = Harness.start(dir)) {
            var result = h.get("/simulator");
            assertThat(result.status()).isEqualTo(303);
            var location = result.headers().firstValue("Location").orElseThrow();
            assertThat(location).matches("/simulator\\?as=SIM\\.\\d{9}");

            var page = new Browserless(h).page(location);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("SIMULATOR").contains("Not WhatsApp").contains("/assets/simulator.js?v=");
        }
    }

    @Test
    void aWholeConversationGoesThroughThePipelineAndNeverReachesMeta() {
        try (var h = Harness.builder(dir).without("EXTERNAL_API_URL").start()) {
            var browser = new Browserless(h);
            browser.page("/simulator?as=" + PERSON);

            for (var text : List.of("Hola", "Ana", "ana@example.com", "No puedo entrar", "omitir")) {
                var sent = browser.postJson(api("/messages"), JSON.createObjectNode().put("text", text));
                assertThat(sent.status()).as(text).isEqualTo(202);
                Await.value("settled after " + text, () -> transcript(browser), v -> v.path("settled").asBoolean());
            }

            var view = transcript(browser);
            assertThat(view.path("said")).extracting(m -> m.path("text").asText())
                    .containsExactly("Hola", "Ana", "ana@example.com", "No puedo entrar", "omitir");
            var told = view.path("told");
            assertThat(told).extracting(r -> r.path("status").asText()).containsOnly("sent");
            assertThat(told.get(0).path("text").asText()).isEqualTo(h.prompt("name"));
            assertThat(told.get(told.size() - 1).path("text").asText()).contains("stand-in business API")
                    .contains("• name: Ana").contains("• issue: No puedo entrar");
            // A real token is configured (the harness is not dry-run), yet nothing went to the Graph API.
            assertThat(h.graph().requests()).isEmpty();
            var stored = h.session(PERSON);
            assertThat(stored.state()).isEqualTo("CONVERSATION_ENDED");
            assertThat(stored.submissions().get(0).path("payload").asText()).contains("\"user_id\":\"" + PERSON + "\"");
        }
    }

    @Test
    void readReceiptsMarkTheRepliesRead() {
        try (var h = Harness.start(dir)) {
            var browser = new Browserless(h);
            browser.page("/simulator?as=" + PERSON);
            browser.postJson(api("/messages"), JSON.createObjectNode().put("text", "Hola"));
            var reply = Await.value("first reply", () -> transcript(browser), v -> v.path("told").size() == 1)
                    .path("told").get(0);

            var body = JSON.createObjectNode();
            body.putArray("wamids").add(reply.path("wamid").asText());
            assertThat(browser.postJson(api("/read"), body).status()).isEqualTo(204);

            h.awaitSession(PERSON, "read", s -> "read".equals(s.replies().get(0).path("delivery").asText()));
        }
    }

    @Test
    void aPostWithoutThePagesTokenIsRefused() {
        try (var h = Harness.start(dir)) {
            var browser = new Browserless(h);
            browser.page("/simulator?as=" + PERSON);
            var body = "{\"text\":\"Hola\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

            assertThat(browser.post(api("/messages"), body, "application/json", false).status()).isEqualTo(403);
            assertThat(h.post(api("/messages"), body, Map.of("X-CSRF-Token", "0".repeat(32))).status()).isEqualTo(403);
            assertThat(h.findSession(PERSON)).isEmpty();
        }
    }

    @Test
    void badInputGetsA400AndChangesNothing() {
        try (var h = Harness.start(dir)) {
            var browser = new Browserless(h);
            browser.page("/simulator?as=" + PERSON);

            assertThat(browser.postJson("/simulator/api/people/15555550101/messages",
                    JSON.createObjectNode().put("text", "x")).status()).isEqualTo(400);
            assertThat(browser.postJson(api("/messages"), JSON.createObjectNode().put("text", " ")).status()).isEqualTo(400);
            assertThat(browser.postJson(api("/messages"), JSON.createObjectNode().put("nothing", 1)).status()).isEqualTo(400);
            var far = JSON.createObjectNode();
            far.putObject("location").put("latitude", 123).put("longitude", 0);
            assertThat(browser.postJson(api("/messages"), far).status()).isEqualTo(400);
            assertThat(browser.post(api("/messages"), "{not json".getBytes(), "application/json", true).status())
                    .isEqualTo(400);
            assertThat(h.get(api("") + "?said=abc").status()).isEqualTo(400);
            assertThat(h.findSession(PERSON)).isEmpty();
        }
    }

    @Test
    void itAnswersOnlyWhereTheOperatorEndpointsDo() {
        try (var h = Harness.builder(dir).env("ADMIN_TOKEN", "s3cret-admin-token").start()) {
            assertThat(h.get("/simulator?as=" + PERSON, Map.of("Accept", "text/html")).status()).isEqualTo(303);
            assertThat(h.get(api("")).status()).isEqualTo(401);
            assertThat(h.get(api(""), Map.of("Authorization", "Bearer s3cret-admin-token")).status()).isEqualTo(200);
        }
    }

    private static String api(String rest) {
        return "/simulator/api/people/" + PERSON + rest;
    }

    private static JsonNode transcript(Browserless browser) {
        return browser.get(api("")).json();
    }
}
