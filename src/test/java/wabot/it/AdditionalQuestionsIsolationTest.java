package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static wabot.testing.FakeExternalApi.Response.question;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Texts;
import wabot.testing.FakeExternalApi.Response;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/**
 * Additional questions belong to the session that got them. The seed appended them to a global list, which
 * leaked them into every later conversation; here other people, before and while A answers them, never see them.
 */
class AdditionalQuestionsIsolationTest {
    private static final String ANA = Webhooks.USER_A;
    private static final String BEN = Webhooks.USER_B;
    private static final String CARLA = "5491155550123";
    private static final String EXTRA = "¿Cuál es tu número de pedido?";
    private static final Texts TEXTS = Texts.spanish();

    @TempDir
    Path dir;

    @Test
    void otherPeopleNeverSeeAnotherSessionsAdditionalQuestions() throws Exception {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.api().respondWith(call -> ("+" + ANA).equals(call.userPhone()) && !call.answers().containsKey("order")
                    ? Response.proceed("Una pregunta más.", question("order", EXTRA, true))
                    : Response.finish("Listo"));

            walkFlow(h, ANA, List.of(TEXTS.processing(), "Una pregunta más.", EXTRA));
            assertThat(h.awaitSettled(ANA).currentQuestion()).isEqualTo("order");

            // Ben goes through the whole flow while Ana's session holds the extra question...
            walkFlow(h, BEN, List.of(TEXTS.processing(), "Listo"));

            // ...and Carla does, concurrently with Ana answering it.
            var pool = Executors.newFixedThreadPool(2);
            try {
                var carla = CompletableFuture.runAsync(
                        () -> walkFlow(h, CARLA, List.of(TEXTS.processing(), "Listo")), pool);
                var ana = CompletableFuture.runAsync(() ->
                        assertThat(h.exchange(ANA, "A-1234", 2)).containsExactly(TEXTS.processing(), "Listo"), pool);
                CompletableFuture.allOf(carla, ana).get(30, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }

            for (var other : List.of(BEN, CARLA)) {
                assertThat(h.graph().texts(other)).as("replies to %s", other).containsExactly(
                        h.prompt("name"), h.prompt("email"), h.prompt("comment"), TEXTS.processing(), "Listo");
                var calls = h.api().calls("+" + other);
                assertThat(calls).hasSize(1);
                assertThat(calls.get(0).answers()).containsOnlyKeys("name", "email", "comment");
                var session = h.awaitSettled(other);
                assertThat(session.state()).isEqualTo("CONVERSATION_ENDED");
                assertThat(session.answerValues()).doesNotContainKey("order");
            }

            var anaCalls = h.api().calls("+" + ANA);
            assertThat(anaCalls).hasSize(2);
            assertThat(anaCalls.get(1).answers()).containsOnlyKeys("name", "email", "comment", "order");
            assertThat(h.graph().texts(ANA)).filteredOn(EXTRA::equals).hasSize(1);

            // A new conversation of Ana's starts from the flow alone, without last time's extra question.
            walkFlow(h, ANA, List.of(TEXTS.processing(), "Una pregunta más.", EXTRA));
            assertThat(h.awaitSettled(ANA).currentQuestion()).isEqualTo("order");
        }
    }

    /** Greets, answers every flow question, and expects {@code ending} after the last answer. */
    private static void walkFlow(Harness h, String who, List<String> ending) {
        assertThat(h.exchange(who, "Hola", 1)).containsExactly(h.prompt("name"));
        assertThat(h.exchange(who, "Nombre " + who, 1)).containsExactly(h.prompt("email"));
        assertThat(h.exchange(who, who + "@example.com", 1)).containsExactly(h.prompt("comment"));
        assertThat(h.exchange(who, "Comentario de " + who, ending.size())).containsExactlyElementsOf(ending);
    }
}
