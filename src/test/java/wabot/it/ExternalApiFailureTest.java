package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import wabot.conversation.Texts;
import wabot.testing.FakeExternalApi.Response;
import wabot.testing.Flows;
import wabot.testing.Contract;
import wabot.testing.Harness;
import wabot.testing.LogCapture;
import wabot.testing.Webhooks;

/**
 * When the business API fails for good, the person gets an apology, the conversation ends, and the submission
 * stays stored as failed with its payload: nothing the person said is lost. Transient failures followed by a
 * success: {@link ExternalApiRetryTest}.
 */
class ExternalApiFailureTest {
    private static final String ANA = Webhooks.USER_A;
    private static final Texts TEXTS = Texts.spanish();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The ways the API can fail, each with what the fake answers. */
    enum Failure {
        SERVER_ERROR(Response.json(500, "{\"error\": \"internal\"}")),
        TIMEOUT(Response.DEFAULT.delayed(Duration.ofSeconds(20))),
        INVALID_JSON(Response.json(200, "<html>Service Unavailable</html>")),
        WRONG_FIELD_TYPE(Response.json(200, "{\"continue_conversation\": \"no\", \"final_message\": \"Listo\"}")),
        WRONG_QUESTIONS_TYPE(Response.json(200, "{\"continue_conversation\": true, \"additional_questions\": \"order\"}")),
        /** A question the flow file's schema refuses: a choice without options. */
        INVALID_ADDITIONAL_QUESTION(Response.json(200, "{\"continue_conversation\": true, \"additional_questions\": "
                + "[{\"id\": \"size\", \"text\": \"Size?\", \"type\": \"choice\"}]}")),
        /** A condition on an answer the flow does not have. */
        UNKNOWN_CONDITION(Response.json(200, "{\"continue_conversation\": true, \"additional_questions\": "
                + "[{\"id\": \"size\", \"text\": \"Size?\", \"when\": {\"plan\": \"pro\"}}]}"));

        final Response response;

        Failure(Response response) {
            this.response = response;
        }
    }

    /**
     * The contract refuses the replies that break it by their shape, as wabot does; a condition on an answer the
     * conversation lacks fits the schema, and only wabot can tell (the contract says so).
     */
    @ParameterizedTest
    @EnumSource(value = Failure.class, names = {"INVALID_JSON", "WRONG_FIELD_TYPE", "WRONG_QUESTIONS_TYPE",
            "INVALID_ADDITIONAL_QUESTION", "UNKNOWN_CONDITION"})
    void theContractRefusesWhatItsSchemaCanTell(Failure failure) {
        var problems = Contract.get().reply(failure.response.body());
        if (failure == Failure.UNKNOWN_CONDITION) {
            assertThat(problems).isEmpty();
            assertThat(Contract.get().document().at("/components/schemas/Question/description").asText())
                    .contains("wabot checks more than a schema can");
        } else {
            assertThat(problems).isNotEmpty();
        }
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Failure.class)
    void failureEndsWithAnApologyAndKeepsTheSubmission(Failure failure) throws Exception {
        try (var logs = LogCapture.start();
             var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML)
                     .env("EXTERNAL_API_TIMEOUT", "300ms").env("EXTERNAL_API_MAX_ATTEMPTS", "2").start()) {
            h.api().respondWith(call -> failure.response);

            h.exchange(ANA, "Hola", 1);
            h.exchange(ANA, "Ana", 1);
            h.exchange(ANA, "ana@example.com", 1);
            assertThat(h.exchange(ANA, "Nada más", 2)).containsExactly(TEXTS.processing(), TEXTS.apology());

            var session = h.awaitSettled(ANA);
            assertThat(session.state()).isEqualTo("CONVERSATION_ENDED");
            assertThat(session.answerValues()).containsExactly(
                    Map.entry("name", "Ana"), Map.entry("email", "ana@example.com"), Map.entry("comment", "Nada más"));
            var submission = session.submissions().get(0);
            assertThat(submission.path("status").asText()).isEqualTo("failed");
            assertThat(submission.path("error").asText()).isNotBlank();
            var payload = JSON.readTree(submission.path("payload").asText());
            assertThat(payload.path("user_phone").asText()).isEqualTo("+" + ANA);
            assertThat(payload.path("answers")).isEqualTo(h.api().calls().get(0).body().path("answers"));
            assertThat(payload.path("answers").size()).isEqualTo(3);

            var calls = h.api().calls();
            assertThat(calls).isNotEmpty()
                    .allSatisfy(c -> assertThat(c.idempotencyKey()).isEqualTo(submission.path("id").asText()));
            if (failure == Failure.TIMEOUT) {
                assertThat(calls).as("a timeout is retried up to EXTERNAL_API_MAX_ATTEMPTS").hasSize(2);
            }
            logs.await("[API_ERROR]");

            // The next message starts a new conversation.
            assertThat(h.exchange(ANA, "Hola", 1)).containsExactly(h.prompt("name"));
        }
    }
}
