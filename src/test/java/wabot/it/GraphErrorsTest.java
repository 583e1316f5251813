package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.FakeGraph;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/** Graph API errors on send: transient ones are retried in order, permanent ones are recorded on the reply. */
class GraphErrorsTest {
    private static final String ANA = Webhooks.USER_A;
    private static final String BEN = Webhooks.USER_B;

    @TempDir
    Path dir;

    @Test
    void pairRateLimitHoldsBackOnlyThatPersonAndIsRetried() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.graph().failFor(ANA, 1, 131056, 400, Duration.ofSeconds(1));

            h.say(ANA, "Hola");
            assertThat(h.exchange(BEN, "Hello", 1)).as("others are not held back").containsExactly(h.prompt("name"));
            assertThat(h.graph().awaitMessages(ANA, 1)).containsExactly(h.prompt("name"));

            var requests = h.graph().requests(ANA);
            assertThat(requests).extracting(FakeGraph.Request::status).containsExactly(400, 200);
            assertThat(requests.get(1).text()).isEqualTo(requests.get(0).text());
            assertThat(h.awaitSettled(ANA).replies()).singleElement().satisfies(r -> {
                assertThat(r.path("status").asText()).isEqualTo("sent");
                assertThat(r.path("attempts").asInt()).isEqualTo(2);
            });
        }
    }

    @Test
    void permanentErrorIsRecordedAndTheConversationGoesOn() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.graph().failNext(1, 131047, 400);

            h.say(ANA, "Hola");
            var failed = h.awaitSettled(ANA);
            assertThat(failed.replies()).singleElement().satisfies(r -> {
                assertThat(r.path("status").asText()).isEqualTo("failed");
                assertThat(r.path("error_code").asInt()).isEqualTo(131047);
            });
            assertThat(h.graph().requests()).hasSize(1);

            assertThat(h.exchange(ANA, "Ana", 1)).containsExactly(h.prompt("email"));
            assertThat(h.graph().requests()).as("the failed reply is not retried").hasSize(2);
        }
    }
}
