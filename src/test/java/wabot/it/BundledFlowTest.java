package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Texts;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/** The bundled Spanish flow, walked from the first message to the business API's final message, and beyond. */
class BundledFlowTest {
    private static final String ANA = Webhooks.USER_A;
    private static final Texts TEXTS = Texts.spanish();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void greetingThenEveryQuestionThenSubmissionThenFinalMessage() {
        try (var h = Harness.start(dir)) {
            var sent = completeFlow(h);

            var call = h.api().awaitCalls(1).get(0);
            var ended = h.awaitSettled(ANA);
            assertThat(ended.state()).isEqualTo("CONVERSATION_ENDED");
            var expected = JSON.createObjectNode()
                    .put("user_phone", "+" + ANA);
            // Without a numbers file, the number is PHONE_NUMBER_ID and has no name.
            expected.putObject("number").put("phone_number_id", Harness.PHONE_NUMBER_ID).putNull("name");
            expected.put("timestamp", ended.startedAt());
            expected.putObject("answers")
                    .put("name", "Ana Souza")
                    .put("email", "ana@example.com")
                    .put("issue", "No puedo iniciar sesión");
            assertThat(call.body()).isEqualTo(expected);
            assertThat(call.idempotencyKey()).isNotBlank();
            assertThat(h.api().calls()).hasSize(1);

            assertThat(ended.answers()).extracting(a -> a.path("question_id").asText())
                    .containsExactly("name", "email", "issue");
            for (int i = 0; i < 3; i++) {
                // the stored timestamp is when the person sent the answer, as Meta stamped it
                assertThat(ended.answers().get(i).path("answered_at").asText())
                        .isEqualTo(Webhooks.sentAt(sent.get(i + 1)).toString());
            }
            var submission = ended.submissions().get(0);
            assertThat(submission.path("id").asText()).isEqualTo(call.idempotencyKey());
            assertThat(submission.path("status").asText()).isEqualTo("done");
            assertThat(json(submission.path("payload").asText())).isEqualTo(expected);

            assertThat(ended.messages()).hasSize(5)
                    .allSatisfy(m -> assertThat(m.path("status").asText()).isEqualTo("done"));
            assertThat(ended.replies()).hasSize(6).allSatisfy(r -> {
                assertThat(r.path("status").asText()).isEqualTo("sent");
                assertThat(r.path("wamid").asText()).startsWith("wamid.fake-");
            });
            assertThat(h.admin("/sessions").json().path("count").asInt()).isZero();

            for (var request : h.graph().requests()) {
                assertThat(request.authorization()).isEqualTo("Bearer " + Harness.WHATSAPP_TOKEN);
                assertThat(request.version()).isEqualTo("v20.0");
                assertThat(request.phoneNumberId()).isEqualTo(Harness.PHONE_NUMBER_ID);
                assertThat(request.to()).isEqualTo("+" + ANA);
            }
        }
    }

    @Test
    void nextMessageAfterTheEndStartsOverAndEverythingSurvivesRestart() {
        try (var h = Harness.start(dir)) {
            completeFlow(h);
            var ended = h.awaitSettled(ANA);
            assertThat(ended.state()).isEqualTo("CONVERSATION_ENDED");

            h.restart();
            var afterRestart = h.session(ANA);
            assertThat(afterRestart.state()).isEqualTo("CONVERSATION_ENDED");
            assertThat(afterRestart.conversationId()).isEqualTo(ended.conversationId());
            assertThat(afterRestart.answers()).isEqualTo(ended.answers());
            assertThat(afterRestart.submissions()).isEqualTo(ended.submissions());
            assertThat(afterRestart.replies()).isEqualTo(ended.replies());

            assertThat(h.exchange(ANA, "Hola otra vez", 1)).containsExactly(h.prompt("name"));
            var again = h.awaitSettled(ANA);
            assertThat(again.state()).isEqualTo("WAITING_FOR_ANSWER");
            assertThat(again.currentQuestion()).isEqualTo("name");
            assertThat(again.conversationId()).isNotEqualTo(ended.conversationId());
            assertThat(again.answers()).as("the greeting of a new conversation is not an answer").isEmpty();
            assertThat(again.submissions()).as("the finished conversation's submission is kept")
                    .isEqualTo(ended.submissions());
            assertThat(h.api().calls()).hasSize(1);

            h.restart();
            var resumed = h.session(ANA);
            assertThat(resumed.conversationId()).isEqualTo(again.conversationId());
            assertThat(resumed.currentQuestion()).isEqualTo("name");
            assertThat(resumed.messages()).hasSize(6);
            assertThat(h.exchange(ANA, "Ana", 1)).containsExactly(h.prompt("email"));
        }
    }

    /** Walks the bundled flow, skipping the optional last question; returns the messages sent. */
    private static List<JsonNode> completeFlow(Harness h) {
        var sent = new ArrayList<JsonNode>();
        var steps = List.of(
                List.of("Hola", h.prompt("name")),
                List.of("Ana Souza", h.prompt("email")),
                List.of("ana@example.com", h.prompt("issue")),
                List.of("No puedo iniciar sesión", h.prompt("comment")));
        for (var step : steps) {
            int before = h.graph().texts(ANA).size();
            sent.add(h.say(ANA, step.get(0)));
            assertThat(h.graph().awaitMessages(ANA, before + 1)).hasSize(before + 1).last().isEqualTo(step.get(1));
        }
        assertThat(h.prompt("comment")).endsWith(TEXTS.skipHint());
        sent.add(h.say(ANA, "omitir"));
        assertThat(h.graph().awaitMessages(ANA, 6)).endsWith(TEXTS.processing(), "Listo");
        return sent;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
