package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/** Meta's GET handshake, and POST bodies that are not JSON objects. */
class WebhookVerificationTest {
    private static final String TOKEN = Harness.encode(Harness.VERIFY_TOKEN);

    @TempDir
    Path dir;

    @Test
    void rightTokenEchoesTheRawChallenge() {
        try (var h = Harness.start(dir)) {
            for (var path : List.of("/webhook", "/")) {
                var result = h.get(path + "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=" + TOKEN);
                assertThat(result.status()).isEqualTo(200);
                assertThat(result.body()).isEqualTo("1158201444");
            }
            var text = h.get("/webhook?hub.mode=subscribe&hub.challenge=abc-XYZ_09&hub.verify_token=" + TOKEN);
            assertThat(text.body()).isEqualTo("abc-XYZ_09");
        }
    }

    @Test
    void wrongTokenOrModeIsRefused() {
        try (var h = Harness.start(dir)) {
            var refused = List.of(
                    "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=wrong",
                    "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=" + TOKEN + "x",
                    "?hub.mode=subscribe&hub.challenge=1158201444",
                    "?hub.mode=unsubscribe&hub.challenge=1158201444&hub.verify_token=" + TOKEN,
                    "?hub.challenge=1158201444&hub.verify_token=" + TOKEN,
                    "");
            for (var query : refused) {
                for (var path : List.of("/webhook", "/")) {
                    var result = h.get(path + query);
                    assertThat(result.status()).as("GET %s%s", path, query).isEqualTo(403);
                    assertThat(result.body()).doesNotContain("1158201444");
                }
            }
        }
    }

    @Test
    void withoutVerifyTokenEveryVerificationIsRefused() {
        try (var h = Harness.builder(dir).without("VERIFY_TOKEN").start()) {
            assertThat(h.get("/webhook?hub.mode=subscribe&hub.challenge=1&hub.verify_token=").status()).isEqualTo(403);
            assertThat(h.get("/webhook?hub.mode=subscribe&hub.challenge=1&hub.verify_token=null").status())
                    .isEqualTo(403);
        }
    }

    @Test
    void malformedJsonIsRefusedAndTheServerKeepsAnswering() {
        try (var h = Harness.start(dir)) {
            var malformed = List.of("{\"object\": \"whatsapp_business_account\", \"entry\": [", "not json", "[]",
                    "\"a string\"", "", "{\"entry\": [}]}");
            for (var body : malformed) {
                var result = h.post(body.getBytes(StandardCharsets.UTF_8), Map.of());
                assertThat(result.status()).as("POST %s", body).isEqualTo(400);
            }
            assertThat(h.admin("/sessions").json().path("count").asInt()).isZero();

            assertThat(h.post("{\"object\": \"page\", \"entry\": []}".getBytes(StandardCharsets.UTF_8)).status())
                    .as("valid JSON that carries nothing for wabot").isEqualTo(200);
            assertThat(h.post(Webhooks.fromFile("status_delivered.json")).status()).isEqualTo(200);

            assertThat(h.exchange(Webhooks.USER_A, "Hola", 1)).containsExactly(h.prompt("name"));
            assertThat(h.get("/health").json().path("status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void deliveriesAreAlsoAcceptedAtTheRoot() {
        try (var h = Harness.start(dir)) {
            var result = h.post("/", Webhooks.text(Webhooks.USER_A, Webhooks.newWamid(), "Hola"), Map.of());
            assertThat(result.status()).isEqualTo(200);
            assertThat(h.graph().awaitMessages(Webhooks.USER_A, 1)).containsExactly(h.prompt("name"));
            assertThat(h.post("/", "{oops".getBytes(StandardCharsets.UTF_8), Map.of()).status()).isEqualTo(400);
        }
    }
}
