package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Texts;
import wabot.testing.FakeExternalApi.Response;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/** While the business API is working on the answers, a message gets "please wait" and is not an answer. */
class ProcessingApiTest {
    private static final String ANA = Webhooks.USER_A;
    private static final Texts TEXTS = Texts.spanish();

    @TempDir
    Path dir;

    @Test
    void messageDuringProcessingGetsPleaseWaitAndStaysInTheTranscriptOnly() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.api().enqueue(Response.finish("Listo").held());

            h.exchange(ANA, "Hola", 1);
            h.exchange(ANA, "Ana", 1);
            h.exchange(ANA, "ana@example.com", 1);
            assertThat(h.exchange(ANA, "Nada", 1)).containsExactly(TEXTS.processing());
            h.api().awaitCalls(1);
            var processing = h.awaitSession(ANA, "processing", s -> "PROCESSING_API".equals(s.state()));

            assertThat(h.exchange(ANA, "¿Siguen ahí?", 1)).containsExactly(TEXTS.pleaseWait());
            assertThat(h.exchange(ANA, "omitir", 1)).containsExactly(TEXTS.pleaseWait());

            var waiting = h.awaitSession(ANA, "both messages processed", s -> s.messages().size() == 6
                    && s.messages().stream().allMatch(m -> "done".equals(m.path("status").asText())));
            assertThat(waiting.state()).isEqualTo("PROCESSING_API");
            assertThat(waiting.answers()).isEqualTo(processing.answers());
            assertThat(waiting.messages()).extracting(m -> m.path("body").asText())
                    .endsWith("¿Siguen ahí?", "omitir");
            assertThat(waiting.messages().get(4).path("conversation_id").asText())
                    .isEqualTo(processing.conversationId());

            h.api().release();
            assertThat(h.graph().awaitMessages(ANA, 7)).last().isEqualTo("Listo");
            var ended = h.awaitSettled(ANA);
            assertThat(ended.state()).isEqualTo("CONVERSATION_ENDED");
            assertThat(ended.answerValues()).containsOnlyKeys("name", "email", "comment")
                    .containsEntry("comment", "Nada");
            assertThat(h.api().calls()).singleElement()
                    .satisfies(call -> assertThat(call.answers()).doesNotContainValue("¿Siguen ahí?"));
        }
    }
}
