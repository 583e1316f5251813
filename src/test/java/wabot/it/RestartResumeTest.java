package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Texts;
import wabot.testing.FakeExternalApi.Response;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/** A restart in the middle of a conversation resumes it at the question it was on. */
class RestartResumeTest {
    private static final String ANA = Webhooks.USER_A;
    private static final String BEN = Webhooks.USER_B;
    private static final Texts TEXTS = Texts.spanish();

    @TempDir
    Path dir;

    @Test
    void conversationContinuesAtTheRightQuestionAfterARestart() {
        try (var h = Harness.start(dir)) {
            h.exchange(ANA, "Hola", 1);
            h.exchange(ANA, "Ana Souza", 1);
            assertThat(h.exchange(ANA, "ana@example.com", 1)).containsExactly(h.prompt("issue"));
            var before = h.awaitSettled(ANA);

            h.restart();

            var after = h.session(ANA);
            assertThat(after.state()).isEqualTo("WAITING_FOR_ANSWER");
            assertThat(after.currentQuestion()).isEqualTo("issue");
            assertThat(after.conversationId()).isEqualTo(before.conversationId());
            assertThat(after.startedAt()).isEqualTo(before.startedAt());
            assertThat(after.answers()).isEqualTo(before.answers());

            assertThat(h.exchange(ANA, "No llega mi pedido", 1)).containsExactly(h.prompt("comment"));
            assertThat(h.exchange(ANA, "Gracias", 2)).containsExactly(TEXTS.processing(), "Listo");

            var call = h.api().awaitCalls(1).get(0);
            assertThat(call.answers()).containsExactly(
                    Map.entry("name", "Ana Souza"), Map.entry("email", "ana@example.com"),
                    Map.entry("issue", "No llega mi pedido"), Map.entry("comment", "Gracias"));
            assertThat(call.body().path("timestamp").asText()).isEqualTo(before.startedAt());
            assertThat(h.graph().texts(ANA)).as("nothing was asked twice").hasSize(6);
            assertThat(h.awaitSettled(ANA).state()).isEqualTo("CONVERSATION_ENDED");
        }
    }

    @Test
    void additionalQuestionsAndProcessingStateSurviveARestart() {
        try (var h = Harness.start(dir)) {
            h.api().enqueue(Response.proceed("Una más.",
                    Response.question("order", "¿Número de pedido?", true)), Response.finish("Hecho"));
            h.exchange(BEN, "Hi", 1);
            h.exchange(BEN, "Ben", 1);
            h.exchange(BEN, "ben@example.com", 1);
            h.exchange(BEN, "Broken", 1);
            assertThat(h.exchange(BEN, "skip", 3)).containsExactly(TEXTS.processing(), "Una más.", "¿Número de pedido?");
            h.awaitSettled(BEN);

            h.restart();

            assertThat(h.session(BEN).currentQuestion()).isEqualTo("order");
            assertThat(h.exchange(BEN, "B-77", 2)).containsExactly(TEXTS.processing(), "Hecho");
            assertThat(h.api().awaitCalls(2).get(1).answers())
                    .containsOnlyKeys("name", "email", "issue", "order");
        }
    }
}
