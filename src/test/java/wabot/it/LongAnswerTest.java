package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Texts;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/**
 * An answer longer than {@code MAX_ANSWER_CHARS} (counted in characters as people see them, after trimming) is
 * refused with a polite message and the question is asked again. It stays in the transcript, never in the answers.
 */
class LongAnswerTest {
    private static final String ANA = Webhooks.USER_A;
    private static final Texts TEXTS = Texts.spanish();

    @TempDir
    Path dir;

    @Test
    void answerOverTheSettingIsRefusedAndTheQuestionAskedAgain() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).env("MAX_ANSWER_CHARS", "10").start()) {
            h.exchange(ANA, "Hola", 1);
            var before = h.awaitSettled(ANA);

            assertThat(h.exchange(ANA, "Anastasia Souza", 1))
                    .containsExactly(TEXTS.tooLong() + "\n\n" + h.prompt("name"));
            var refused = h.awaitSettled(ANA);
            assertThat(refused.answers()).isEmpty();
            assertThat(refused.currentQuestion()).isEqualTo("name");
            assertThat(refused.conversationId()).isEqualTo(before.conversationId());
            assertThat(refused.messages()).last()
                    .satisfies(m -> assertThat(m.path("body").asText()).isEqualTo("Anastasia Souza"));

            assertThat(h.exchange(ANA, "  Ana Souza  ", 1)).as("ten once trimmed").containsExactly(h.prompt("email"));
            var cactus = "🌵".repeat(11);
            assertThat(h.exchange(ANA, cactus, 1)).as("eleven emoji")
                    .containsExactly(TEXTS.tooLong() + "\n\n" + h.prompt("email"));
            assertThat(h.exchange(ANA, "🌵".repeat(10), 1)).as("ten emoji, twenty UTF-16 units")
                    .containsExactly(h.prompt("comment"));
            h.exchange(ANA, "omitir", 2);

            assertThat(h.api().awaitCalls(1).get(0).answers())
                    .containsExactly(Map.entry("name", "Ana Souza"), Map.entry("email", "🌵".repeat(10)));
            assertThat(h.awaitSettled(ANA).answerValues()).doesNotContainValue(cactus)
                    .doesNotContainValue("Anastasia Souza");
        }
    }

    @Test
    void defaultLimitIsTwoThousandCharacters() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            assertThat(h.config().maxAnswerChars()).isEqualTo(2000);
            h.exchange(ANA, "Hola", 1);

            assertThat(h.exchange(ANA, "n".repeat(2001), 1))
                    .containsExactly(TEXTS.tooLong() + "\n\n" + h.prompt("name"));
            assertThat(h.exchange(ANA, "n".repeat(2000), 1)).containsExactly(h.prompt("email"));

            assertThat(h.awaitSettled(ANA).answerValues()).containsExactly(Map.entry("name", "n".repeat(2000)));
        }
    }
}
