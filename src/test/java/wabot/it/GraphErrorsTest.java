package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import wabot.testing.FakeGraph;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.LogCapture;
import wabot.testing.Fixtures;
import wabot.testing.Webhooks;

/**
 * Graph API errors on send: a pair rate limit is retried for that person only; permanent errors (131047, 131026,
 * 100, 190) are recorded on the reply, shown in {@code GET /sessions/{phone}}, and never retried; a dead token
 * (190) also raises one loud alarm. Transient errors: {@link TransientSendFailureTest}, {@link RetryAfterTest}.
 */
class GraphErrorsTest {
    private static final String ANA = Webhooks.USER_A;
    private static final String BEN = Webhooks.USER_B;
    private static final ObjectMapper JSON = new ObjectMapper();

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

    @ParameterizedTest(name = "error {0}")
    @CsvSource({"131047, 400", "131026, 400", "100, 400", "190, 401"})
    void permanentErrorIsRecordedNeverRetriedAndTheConversationGoesOn(int code, int httpStatus) throws Exception {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.graph().failFor(ANA, 1, code, httpStatus, null);

            h.say(ANA, "Hola");
            var failed = h.awaitSettled(ANA);
            assertThat(failed.replies()).singleElement().satisfies(r -> {
                assertThat(r.path("body").asText()).isEqualTo(h.prompt("name"));
                assertThat(r.path("status").asText()).isEqualTo("failed");
                assertThat(r.path("error_code").asInt()).isEqualTo(code);
                assertThat(r.path("error_detail").asText()).isEqualTo(fixtureDetail(code));
                assertThat(r.path("attempts").asInt()).isEqualTo(1);
            });
            assertThat(h.graph().requests(ANA)).hasSize(1);

            assertThat(h.exchange(ANA, "Ana", 1)).containsExactly(h.prompt("email"));
            assertThat(h.graph().requests(ANA)).as("the failed reply is never tried again")
                    .extracting(FakeGraph.Request::text).containsExactly(h.prompt("name"), h.prompt("email"));
            assertThat(h.awaitSettled(ANA).replies()).extracting(r -> r.path("status").asText())
                    .containsExactly("failed", "sent");
        }
    }

    @Test
    void deadTokenFailsEverySendButRaisesTheAlarmOnce() {
        try (var logs = LogCapture.start(); var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.graph().keepFailing(190, 401);

            h.say(ANA, "Hola");
            h.say(BEN, "Hello");
            h.say(ANA, "Ana");

            for (var person : new String[] {ANA, BEN}) {
                assertThat(h.awaitSettled(person).replies()).isNotEmpty().allSatisfy(r -> {
                    assertThat(r.path("status").asText()).isEqualTo("failed");
                    assertThat(r.path("error_code").asInt()).isEqualTo(190);
                });
            }
            assertThat(h.graph().requests()).as("each reply tried once: 2 for Ana, 1 for Ben").hasSize(3);
            assertThat(logs.lines()).filteredOn(l -> l.startsWith("ERROR") && l.contains("WHATSAPP_TOKEN"))
                    .as("one loud line, however many sends fail").hasSize(1);
        }
    }

    /** What the bot records as the detail of an error body: error_data.details, else the message. */
    private static String fixtureDetail(int code) throws Exception {
        var error = JSON.readTree(Fixtures.graphError(code).toFile()).path("error");
        return error.path("error_data").path("details").asText(error.path("message").asText());
    }
}
