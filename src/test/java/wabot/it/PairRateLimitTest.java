package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Texts;
import wabot.testing.FakeGraph.Request;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/**
 * 131056, the pair rate limit, concerns one business number and one person: only that person's replies wait,
 * everyone else's conversations keep flowing, and the held replies arrive later, in order.
 */
class PairRateLimitTest {
    private static final String ANA = Webhooks.USER_A;
    private static final String BEN = Webhooks.USER_B;
    private static final Texts TEXTS = Texts.spanish();

    @TempDir
    Path dir;

    @Test
    void heldPersonDoesNotHoldUpAnotherWholeConversation() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            // Retry-After keeps Ana's retries coming every second for as long as the limit lasts.
            h.graph().keepFailingFor(ANA, 131056, 400, Duration.ofSeconds(1));
            h.say(ANA, "Hola");
            h.say(ANA, "Ana");

            h.exchange(BEN, "Hello", 1);
            h.exchange(BEN, "Ben", 1);
            h.exchange(BEN, "ben@example.com", 1);
            assertThat(h.exchange(BEN, "omitir", 2)).containsExactly(TEXTS.processing(), "Listo");
            assertThat(h.awaitSettled(BEN).state()).isEqualTo("CONVERSATION_ENDED");

            var held = h.awaitSession(ANA, "both of Ana's replies queued",
                    s -> s.replies().size() == 2 && s.answerValues().containsKey("name"));
            assertThat(held.answerValues()).as("Ana's messages are still taken").containsExactly(Map.entry("name", "Ana"));
            assertThat(held.replies()).extracting(r -> r.path("status").asText()).containsExactly("pending", "pending");
            assertThat(h.graph().texts(ANA)).isEmpty();
            assertThat(h.graph().requests(ANA)).as("only Ana's first reply is tried while she is limited")
                    .isNotEmpty().allSatisfy(r -> {
                        assertThat(r.text()).isEqualTo(h.prompt("name"));
                        assertThat(r.status()).isEqualTo(400);
                    });

            h.graph().stopFailingFor(ANA);

            assertThat(h.graph().awaitMessages(ANA, 2)).containsExactly(h.prompt("name"), h.prompt("email"));
            assertThat(h.awaitSettled(ANA).replies()).extracting(r -> r.path("status").asText())
                    .containsExactly("sent", "sent");
            assertThat(h.exchange(ANA, "ana@example.com", 1)).containsExactly(h.prompt("comment"));
            assertThat(h.graph().texts(ANA)).containsExactly(h.prompt("name"), h.prompt("email"), h.prompt("comment"));
        }
    }

    @Test
    void withoutRetryAfterThePersonWaitsFourToTheXSeconds() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.graph().failFor(ANA, 2, 131056, 400, null);

            h.say(ANA, "Hola");

            assertThat(h.graph().awaitMessages(ANA, 1, Duration.ofSeconds(20))).containsExactly(h.prompt("name"));
            var requests = h.graph().requests(ANA);
            assertThat(requests).extracting(Request::status).containsExactly(400, 400, 200);
            // Meta's advice: retry after 4^X seconds, X = 0, 1, 2...
            assertThat(Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(995));
            assertThat(Duration.between(requests.get(1).receivedAt(), requests.get(2).receivedAt()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(3995));
        }
    }
}
