package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import wabot.conversation.Texts;
import wabot.testing.FakeExternalApi.Call;
import wabot.testing.FakeExternalApi.Response;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.SessionView;
import wabot.testing.Webhooks;

/**
 * Transient failures of the business API (502, 503, 504, timeouts, connection errors) are retried a bounded
 * number of times (EXTERNAL_API_MAX_ATTEMPTS), always with the same Idempotency-Key, the submission id shown in
 * {@code GET /sessions/{phone}}, and the same body. A later success continues the conversation as usual: one
 * final message, not two. Failures that are not transient: {@link ExternalApiFailureTest}.
 */
class ExternalApiRetryTest {
    private static final String ANA = Webhooks.USER_A;
    private static final Texts TEXTS = Texts.spanish();

    /** The transient answers, each given to the first two attempts. */
    enum TransientAnswer {
        BAD_GATEWAY(Response.json(502, "<html>Bad Gateway</html>")),
        SERVICE_UNAVAILABLE(Response.json(503, "{}")),
        GATEWAY_TIMEOUT(Response.json(504, "")),
        TIMEOUT(Response.finish("Recibido").delayed(Duration.ofSeconds(4)));

        final Response response;

        TransientAnswer(Response response) {
            this.response = response;
        }
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TransientAnswer.class)
    void laterSuccessWithTheSameKeyEndsTheConversationOnce(TransientAnswer failure) {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML)
                .env("EXTERNAL_API_TIMEOUT", "1s").env("EXTERNAL_API_MAX_ATTEMPTS", "3").start()) {
            h.api().enqueue(failure.response, failure.response, Response.finish("Recibido"));

            reachLastQuestion(h);
            assertThat(h.exchange(ANA, "omitir", 2)).containsExactly(TEXTS.processing(), "Recibido");

            var session = h.awaitSettled(ANA);
            assertThat(session.state()).isEqualTo("CONVERSATION_ENDED");
            var submission = session.submissions().get(0);
            assertThat(submission.path("status").asText()).isEqualTo("done");
            assertThat(submission.path("attempts").asInt()).isEqualTo(3);
            assertSameSubmission(h.api().calls(), session, 3);

            // Nothing more arrives later: a new conversation starts cleanly, with no second outcome before it.
            assertThat(h.exchange(ANA, "Hola", 1)).containsExactly(h.prompt("name"));
            assertThat(h.graph().texts(ANA)).filteredOn("Recibido"::equals).hasSize(1);
            assertThat(h.api().calls()).hasSize(3);
        }
    }

    @Test
    void unreachableApiIsPostedAgainOnceItIsBack() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).env("EXTERNAL_API_MAX_ATTEMPTS", "6").start()) {
            reachLastQuestion(h);
            h.api().stop();

            assertThat(h.exchange(ANA, "omitir", 1)).containsExactly(TEXTS.processing());
            var refused = h.awaitSession(ANA, "a refused connection to be recorded", s -> !s.submissions().isEmpty()
                    && s.submissions().get(0).path("error").asText().startsWith("unreachable"));
            assertThat(refused.submissions().get(0).path("status").asText()).isEqualTo("pending");
            h.api().resume();

            assertThat(h.graph().awaitMessages(ANA, 5, Duration.ofSeconds(30))).endsWith(TEXTS.processing(), "Listo");
            var session = h.awaitSettled(ANA);
            assertThat(session.submissions().get(0).path("status").asText()).isEqualTo("done");
            assertThat(session.submissions().get(0).path("attempts").asInt()).isGreaterThanOrEqualTo(2);
            assertSameSubmission(h.api().calls(), session, 1);
        }
    }

    @Test
    void apiThatStaysDownIsTriedMaxAttemptsTimesThenThePersonGetsTheApology() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).env("EXTERNAL_API_MAX_ATTEMPTS", "3").start()) {
            h.api().respondWith(call -> Response.json(503, "{}"));

            reachLastQuestion(h);
            assertThat(h.exchange(ANA, "omitir", 2)).containsExactly(TEXTS.processing(), TEXTS.apology());

            var session = h.awaitSettled(ANA);
            assertThat(session.submissions().get(0).path("status").asText()).isEqualTo("failed");
            assertThat(session.submissions().get(0).path("attempts").asInt()).isEqualTo(3);
            assertSameSubmission(h.api().calls(), session, 3);
            assertThat(h.exchange(ANA, "Hola", 1)).containsExactly(h.prompt("name"));
            assertThat(h.api().calls()).as("no attempt beyond EXTERNAL_API_MAX_ATTEMPTS").hasSize(3);
        }
    }

    private static void reachLastQuestion(Harness h) {
        h.exchange(ANA, "Hola", 1);
        h.exchange(ANA, "Ana", 1);
        h.exchange(ANA, "ana@example.com", 1);
    }

    /** Every call carried the submission's id as its key, and the very same body. */
    private static void assertSameSubmission(List<Call> calls, SessionView session, int count) {
        var id = session.submissions().get(0).path("id").asText();
        assertThat(id).isNotBlank();
        assertThat(calls).hasSize(count).allSatisfy(call -> {
            assertThat(call.idempotencyKey()).isEqualTo(id);
            assertThat(call.rawBody()).isEqualTo(calls.get(0).rawBody());
        });
    }
}
