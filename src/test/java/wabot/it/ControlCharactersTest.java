package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/**
 * Control characters in what people send (NUL, BEL, ESC sequences, C1 controls, DEL, carriage returns) are
 * stripped before anything is stored or posted; newlines, tabs and emoji joiners stay.
 */
class ControlCharactersTest {
    private static final String ANA = Webhooks.USER_A;
    private static final String FAMILY = "👩\u200d👩\u200d👧";

    @TempDir
    Path dir;

    @Test
    void storedAndPostedAnswersHaveNoControlCharacters() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.exchange(ANA, "Hola", 1);

            assertThat(h.exchange(ANA, "\u0000Ana\u0007 \u001b[31mSouza\u007f\u0085\u009b", 1))
                    .containsExactly(h.prompt("email"));
            assertThat(h.exchange(ANA, Webhooks.buttonReply(ANA, Webhooks.newWamid(), "mail\u0000id",
                    "ana@\u0008example.com"), 1)).containsExactly(h.prompt("comment"));
            h.exchange(ANA, "line one\r\nline\ttwo\rthree " + FAMILY + "\u0001", 2);

            var expected = new String[] {"Ana [31mSouza", "ana@example.com", "line one\nline\ttwo\nthree " + FAMILY};
            var posted = h.api().awaitCalls(1).get(0);
            assertThat(posted.answers()).containsExactly(Map.entry("name", expected[0]),
                    Map.entry("email", expected[1]), Map.entry("comment", expected[2]));
            assertThat(posted.rawBody()).doesNotContain("\\u0000", "\\u0007", "\\u001b", "\\u007f", "\\r");

            var session = h.awaitSettled(ANA);
            assertThat(session.answers()).extracting(a -> a.path("value").asText()).containsExactly(expected);
            assertThat(session.messages()).extracting(m -> m.path("body").asText()).containsExactly(
                    "Hola", expected[0], expected[1], expected[2]);
        }
    }

    @Test
    void answerOfNothingButControlCharactersIsNoAnswer() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.exchange(ANA, "Hola", 1);

            assertThat(h.exchange(ANA, "\u0000\u0001\u001b\u007f\u0090", 1)).containsExactly(h.prompt("name"));

            var session = h.awaitSettled(ANA);
            assertThat(session.answers()).isEmpty();
            assertThat(session.currentQuestion()).isEqualTo("name");
            assertThat(h.exchange(ANA, "Ana", 1)).containsExactly(h.prompt("email"));
        }
    }
}
