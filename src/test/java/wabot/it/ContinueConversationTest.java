package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static wabot.testing.FakeExternalApi.Response.question;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Texts;
import wabot.testing.FakeExternalApi.Response;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/** The business API answers {@code continue_conversation: true}: a message, more questions, a second POST. */
class ContinueConversationTest {
    private static final String ANA = Webhooks.USER_A;
    private static final Texts TEXTS = Texts.spanish();

    @TempDir
    Path dir;

    @Test
    void additionalQuestionsAreAskedAndEveryAnswerIsPostedAgainUnderANewKey() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.api().enqueue(
                    Response.proceed("Gracias, Ana. Necesitamos dos datos más.",
                            question("order", "¿Cuál es tu número de pedido?", true),
                            question("callback", "¿Quieres que te llamemos?", false)),
                    Response.finish("Todo listo, te escribiremos pronto."));

            assertThat(h.exchange(ANA, "Hola", 1)).containsExactly(h.prompt("name"));
            assertThat(h.exchange(ANA, "Ana", 1)).containsExactly(h.prompt("email"));
            assertThat(h.exchange(ANA, "ana@example.com", 1)).containsExactly(h.prompt("comment"));
            assertThat(h.exchange(ANA, "La caja llegó rota", 3)).containsExactly(
                    TEXTS.processing(),
                    "Gracias, Ana. Necesitamos dos datos más.",
                    "¿Cuál es tu número de pedido?");

            var first = h.api().awaitCalls(1).get(0);
            assertThat(first.answers()).containsExactly(
                    Map.entry("name", "Ana"), Map.entry("email", "ana@example.com"),
                    Map.entry("comment", "La caja llegó rota"));
            var extended = h.awaitSettled(ANA);
            assertThat(extended.state()).isEqualTo("WAITING_FOR_ANSWER");
            assertThat(extended.currentQuestion()).isEqualTo("order");

            assertThat(h.exchange(ANA, "A-1234", 1))
                    .containsExactly("¿Quieres que te llamemos?\n" + TEXTS.skipHint());
            assertThat(h.exchange(ANA, "Sí, por la tarde", 2))
                    .containsExactly(TEXTS.processing(), "Todo listo, te escribiremos pronto.");

            var calls = h.api().awaitCalls(2);
            assertThat(calls).hasSize(2);
            var second = calls.get(1);
            assertThat(second.answers()).containsExactly(
                    Map.entry("name", "Ana"), Map.entry("email", "ana@example.com"),
                    Map.entry("comment", "La caja llegó rota"), Map.entry("order", "A-1234"),
                    Map.entry("callback", "Sí, por la tarde"));
            assertThat(second.userPhone()).isEqualTo("+" + ANA);
            assertThat(second.body().path("timestamp")).isEqualTo(first.body().path("timestamp"));
            assertThat(second.idempotencyKey()).isNotBlank().isNotEqualTo(first.idempotencyKey());

            var ended = h.awaitSettled(ANA);
            assertThat(ended.state()).isEqualTo("CONVERSATION_ENDED");
            assertThat(ended.answerValues()).containsOnlyKeys("name", "email", "comment", "order", "callback");
            assertThat(ended.submissions()).extracting(s -> s.path("status").asText()).containsOnly("done");
            assertThat(ended.submissions()).extracting(s -> s.path("id").asText())
                    .containsExactlyInAnyOrder(first.idempotencyKey(), second.idempotencyKey());
        }
    }

    @Test
    void skippedAdditionalQuestionIsLeftOutOfTheSecondPost() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.api().enqueue(Response.proceed(null, question("callback", "¿Quieres que te llamemos?", false)));

            h.exchange(ANA, "Hola", 1);
            h.exchange(ANA, "Ana", 1);
            h.exchange(ANA, "ana@example.com", 1);
            assertThat(h.exchange(ANA, "omitir", 2)).as("no message: only the question is sent")
                    .containsExactly(TEXTS.processing(), "¿Quieres que te llamemos?\n" + TEXTS.skipHint());
            assertThat(h.exchange(ANA, "skip", 2)).containsExactly(TEXTS.processing(), "Listo");

            var calls = h.api().awaitCalls(2);
            assertThat(calls.get(0).answers()).containsOnlyKeys("name", "email");
            assertThat(calls.get(1).answers()).containsOnlyKeys("name", "email");
            assertThat(h.awaitSettled(ANA).state()).isEqualTo("CONVERSATION_ENDED");
        }
    }

    @Test
    void endWithoutFinalMessageSendsTheDefaultOne() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.api().enqueue(Response.ok(Map.of("continue_conversation", false)));

            h.exchange(ANA, "Hola", 1);
            h.exchange(ANA, "Ana", 1);
            h.exchange(ANA, "ana@example.com", 1);
            assertThat(h.exchange(ANA, "omitir", 2)).containsExactly(TEXTS.processing(), TEXTS.finalMessage());
            assertThat(h.awaitSettled(ANA).state()).isEqualTo("CONVERSATION_ENDED");
        }
    }

    @Test
    void continueWithoutQuestionsClosesWithItsMessage() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.api().enqueue(Response.ok(Map.of("continue_conversation", true, "message", "Te llamaremos hoy.")));

            h.exchange(ANA, "Hola", 1);
            h.exchange(ANA, "Ana", 1);
            h.exchange(ANA, "ana@example.com", 1);
            assertThat(h.exchange(ANA, "omitir", 2)).containsExactly(TEXTS.processing(), "Te llamaremos hoy.");
            assertThat(h.awaitSettled(ANA).state()).isEqualTo("CONVERSATION_ENDED");
        }
    }
}
