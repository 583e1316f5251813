package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/**
 * The operator's endpoints: behind {@code Authorization: Bearer <ADMIN_TOKEN>} when a token is set, and open to
 * loopback clients (this test is one) when it is not.
 */
class DebugEndpointsTest {
    private static final String ANA = Webhooks.USER_A;
    private static final String TOKEN = "test-admin-token-not-real";
    private static final String SEND_TEST = "/send-test?to=%2B447700900123&text=" + Harness.encode("Prueba ñ ✓");

    @TempDir
    Path dir;

    @Test
    void withAdminTokenEveryEndpointNeedsTheBearerToken() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).env("ADMIN_TOKEN", TOKEN).start()) {
            h.exchange(ANA, "Hola", 1);
            var paths = List.of("/sessions", "/sessions/" + ANA, "/sessions/%2B" + ANA, "/reset-session/" + ANA,
                    SEND_TEST);
            var refused = List.<Map<String, String>>of(
                    Map.of(),
                    Map.of("Authorization", "Bearer wrong-token"),
                    Map.of("Authorization", "Bearer " + TOKEN + "x"),
                    Map.of("Authorization", TOKEN),
                    Map.of("Authorization", "Basic " + TOKEN),
                    Map.of("X-Admin-Token", TOKEN));
            for (var path : paths) {
                for (var headers : refused) {
                    assertThat(h.get(path, headers).status()).as("GET %s with %s", path, headers).isEqualTo(401);
                }
            }
            assertThat(h.graph().requests(Webhooks.USER_B)).as("a refused send-test sends nothing").isEmpty();
            assertThat(h.session(ANA).currentQuestion()).as("a refused reset resets nothing").isEqualTo("name");

            var bearer = Map.of("Authorization", "Bearer " + TOKEN);
            var list = h.get("/sessions", bearer);
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json().path("count").asInt()).isEqualTo(1);
            assertThat(list.json().path("sessions").path(0).path("user").asText()).isEqualTo(ANA);
            assertThat(h.get("/sessions/" + ANA, bearer).json().path("state").asText()).isEqualTo("WAITING_FOR_ANSWER");

            var sent = h.get(SEND_TEST, bearer);
            assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
            assertThat(h.graph().awaitMessages(Webhooks.USER_B, 1)).containsExactly("Prueba ñ ✓");

            assertThat(h.get("/reset-session/" + ANA, bearer).status()).isEqualTo(200);
            assertThat(h.admin("/sessions").json().path("count").asInt()).isZero();
            assertThat(h.get("/health").status()).as("health stays open").isEqualTo(200);
        }
    }

    @Test
    void withoutAdminTokenLoopbackClientsAreServed() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.exchange(ANA, "Hola", 1);

            assertThat(h.get("/sessions").status()).isEqualTo(200);
            assertThat(h.get("/sessions/" + ANA).status()).isEqualTo(200);
            assertThat(h.get("/sessions/+" + ANA).json().path("user").asText()).isEqualTo(ANA);
            assertThat(h.get("/sessions/5491155550000").status()).isEqualTo(404);
            assertThat(h.get("/sessions/not%20a%20phone").status()).isEqualTo(400);
            assertThat(h.get("/reset-session/5491155550000").status()).isEqualTo(404);

            var sent = h.get(SEND_TEST);
            assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
            assertThat(sent.json().path("status").asText()).isEqualTo("sent");
            assertThat(sent.json().path("wamid").asText()).startsWith("wamid.fake-");
            assertThat(h.graph().awaitMessages(Webhooks.USER_B, 1)).containsExactly("Prueba ñ ✓");
            assertThat(h.graph().requests(Webhooks.USER_B).get(0).to()).isEqualTo("+" + Webhooks.USER_B);
        }
    }

    @Test
    void sendTestValidatesItsParameters() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            var to = "'to' must be a phone number in international format, 6 to 15 digits";
            var text = "'text' must be 1 to 4096 characters";
            var bad = new LinkedHashMap<String, String>();
            bad.put("/send-test", to);
            bad.put("/send-test?text=hola", to);
            bad.put("/send-test?to=&text=hola", to);
            bad.put("/send-test?to=abc&text=hola", to);
            bad.put("/send-test?to=%2B4477009001ab&text=hola", to);
            bad.put("/send-test?to=%2B44%2B7700900123&text=hola", to);
            bad.put("/send-test?to=12345&text=hola", to);
            bad.put("/send-test?to=1234567890123456&text=hola", to);
            bad.put("/send-test?to=%2B447700900123", text);
            bad.put("/send-test?to=%2B447700900123&text=", text);
            bad.put("/send-test?to=%2B447700900123&text=%20%20", text);
            bad.put("/send-test?to=%2B447700900123&text=" + "a".repeat(4097), text);
            for (var request : bad.entrySet()) {
                var path = request.getKey();
                var result = h.get(path);
                assertThat(result.status()).as("GET %s", path.length() > 80 ? path.substring(0, 80) : path)
                        .isEqualTo(400);
                assertThat(result.body()).as("GET %s", path.length() > 80 ? path.substring(0, 80) : path)
                        .contains(request.getValue());
            }
            assertThat(h.graph().requests()).isEmpty();

            assertThat(h.get("/send-test?to=%2B44%20(7700)%20900-123&text=ok").status()).isEqualTo(200);
            assertThat(h.graph().awaitMessages(Webhooks.USER_B, 1)).containsExactly("ok");
            var longest = "a".repeat(4096); // ASCII: 4096 accented letters, percent-encoded, pass the 8 KiB URI limit
            assertThat(h.get("/send-test?to=447700900123&text=" + Harness.encode(longest)).status()).isEqualTo(200);
            assertThat(h.graph().awaitMessages(Webhooks.USER_B, 2)).containsExactly("ok", longest);
        }
    }

    @Test
    void resetMakesTheNextMessageStartOverWithTheFirstQuestion() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.exchange(ANA, "Hola", 1);
            h.exchange(ANA, "Ana", 1);
            var before = h.awaitSettled(ANA);
            assertThat(before.currentQuestion()).isEqualTo("email");

            var reset = h.get("/reset-session/" + ANA);
            assertThat(reset.status()).isEqualTo(200);
            assertThat(h.session(ANA).state()).isEqualTo("CONVERSATION_ENDED");

            assertThat(h.exchange(ANA, "ana@example.com", 1)).containsExactly(h.prompt("name"));
            var after = h.awaitSettled(ANA);
            assertThat(after.state()).isEqualTo("WAITING_FOR_ANSWER");
            assertThat(after.currentQuestion()).isEqualTo("name");
            assertThat(after.conversationId()).isNotEqualTo(before.conversationId());
            assertThat(after.answers()).isEmpty();
            assertThat(h.api().calls()).isEmpty();
        }
    }
}
