package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Texts;
import wabot.testing.FakeExternalApi.Response;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.SessionView;
import wabot.testing.Webhooks;

/**
 * {@code reiniciar}/{@code restart} start the conversation over at any time, and {@code cancelar}/{@code cancel}
 * end it, in any letter case. A business API reply that arrives for a conversation the person has since
 * restarted or cancelled changes nothing.
 */
class RestartAndCancelKeywordsTest {
    private static final String ANA = Webhooks.USER_A;
    private static final Texts TEXTS = Texts.spanish();

    @TempDir
    Path dir;

    @Test
    void restartInTheMiddleStartsOverAtTheFirstQuestion() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.exchange(ANA, "Hola", 1);
            h.exchange(ANA, "Ana", 1);
            var before = h.awaitSettled(ANA);

            assertThat(h.exchange(ANA, "  Reiniciar ", 1)).containsExactly(TEXTS.restarted() + "\n\n" + h.prompt("name"));
            var restarted = h.awaitSettled(ANA);
            assertThat(restarted.conversationId()).isNotEqualTo(before.conversationId());
            assertThat(restarted.currentQuestion()).isEqualTo("name");
            assertThat(restarted.answers()).isEmpty();

            h.exchange(ANA, "Ana Souza", 1);
            assertThat(h.exchange(ANA, "RESTART", 1)).containsExactly(TEXTS.restarted() + "\n\n" + h.prompt("name"));
            h.exchange(ANA, "Ana María", 1);
            h.exchange(ANA, "ana@example.com", 1);
            h.exchange(ANA, "omitir", 2);
            assertThat(h.api().awaitCalls(1)).singleElement().satisfies(call -> assertThat(call.answers())
                    .containsExactly(Map.entry("name", "Ana María"), Map.entry("email", "ana@example.com")));
        }
    }

    @Test
    void restartWhileTheApiIsWorkingIgnoresItsLateReply() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).env("EXTERNAL_API_TIMEOUT", "50s").start()) {
            h.api().enqueue(Response.proceed("Thanks, one more thing",
                    Response.question("order", "What is your order number?", true)).held());
            var processing = submitAndHold(h);

            assertThat(h.exchange(ANA, "reiniciar", 1)).containsExactly(TEXTS.restarted() + "\n\n" + h.prompt("name"));
            assertThat(h.exchange(ANA, "Bea", 1)).containsExactly(h.prompt("email"));
            var restarted = h.session(ANA); // not settled: the first submission is still held

            h.api().release();
            var after = awaitLateReplyApplied(h);
            assertThat(after.conversationId()).isEqualTo(restarted.conversationId())
                    .isNotEqualTo(processing.conversationId());
            assertThat(after.state()).isEqualTo("WAITING_FOR_ANSWER");
            assertThat(after.currentQuestion()).as("not the API's extra question").isEqualTo("email");
            assertThat(after.answerValues()).containsExactly(Map.entry("name", "Bea"));
            assertThat(h.graph().texts(ANA)).doesNotContain("Thanks, one more thing", "What is your order number?");

            assertThat(h.exchange(ANA, "bea@example.com", 1)).containsExactly(h.prompt("comment"));
            assertThat(h.exchange(ANA, "omitir", 2)).containsExactly(TEXTS.processing(), "Listo");
            assertThat(h.api().calls()).hasSize(2);
            assertThat(h.api().calls().get(1).answers()).containsOnlyKeys("name", "email");
        }
    }

    @Test
    void cancelEndsTheConversationAndTheNextMessageStartsAnew() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.exchange(ANA, "Hola", 1);
            h.exchange(ANA, "Ana", 1);
            var before = h.awaitSettled(ANA);

            assertThat(h.exchange(ANA, "Cancelar", 1)).containsExactly(TEXTS.cancelled());
            var cancelled = h.awaitSettled(ANA);
            assertThat(cancelled.state()).isEqualTo("CONVERSATION_ENDED");
            assertThat(h.admin("/sessions").json().path("count").asInt()).isZero();
            assertThat(h.api().calls()).isEmpty();

            assertThat(h.exchange(ANA, "ana@example.com", 1)).as("not an answer").containsExactly(h.prompt("name"));
            var again = h.awaitSettled(ANA);
            assertThat(again.conversationId()).isNotEqualTo(before.conversationId());
            assertThat(again.answers()).isEmpty();
        }
    }

    @Test
    void cancelWhileTheApiIsWorkingIgnoresItsLateReply() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).env("EXTERNAL_API_TIMEOUT", "50s").start()) {
            h.api().enqueue(Response.finish("Too late").held());
            submitAndHold(h);

            assertThat(h.exchange(ANA, "cancel", 1)).containsExactly(TEXTS.cancelled());
            h.api().release();

            var after = awaitLateReplyApplied(h);
            assertThat(after.state()).isEqualTo("CONVERSATION_ENDED");
            assertThat(h.graph().texts(ANA)).doesNotContain("Too late");
            assertThat(h.exchange(ANA, "Hola", 1)).containsExactly(h.prompt("name"));
        }
    }

    /** Answers every question so the business API gets called, and returns the session waiting for it. */
    private static SessionView submitAndHold(Harness h) {
        h.exchange(ANA, "Hola", 1);
        h.exchange(ANA, "Ana", 1);
        h.exchange(ANA, "ana@example.com", 1);
        assertThat(h.exchange(ANA, "omitir", 1)).containsExactly(TEXTS.processing());
        h.api().awaitCalls(1);
        return h.awaitSession(ANA, "waiting for the API", s -> "PROCESSING_API".equals(s.state()));
    }

    /** Waits until the held submission was closed with the API's reply, which commits with its consequences. */
    private static SessionView awaitLateReplyApplied(Harness h) {
        h.awaitSession(ANA, "the late reply applied", s -> s.submissions().stream()
                .anyMatch(sub -> "done".equals(sub.path("status").asText())));
        return h.awaitSettled(ANA);
    }
}
