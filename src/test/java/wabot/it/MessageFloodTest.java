package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Texts;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/**
 * A person sending more than {@code USER_MAX_MESSAGES_PER_MINUTE} gets one notice and is then ignored until the
 * minute passes. Every message is still stored, and someone writing at the same time is not slowed or silenced.
 */
class MessageFloodTest {
    private static final String ANA = Webhooks.USER_A;
    private static final String BEN = Webhooks.USER_B;
    private static final Texts TEXTS = Texts.spanish();
    private static final String FLOW = """
            questions:
              - {id: q1, text: "Question one?"}
              - {id: q2, text: "Question two?"}
              - {id: q3, text: "Question three?"}
              - {id: q4, text: "Question four?"}
              - {id: q5, text: "Question five?"}
              - {id: q6, text: "Question six?"}
            """;

    @TempDir
    Path dir;

    @Test
    void floodGetsOneNoticeEveryMessageIsStoredAndOthersAreUnaffected() throws Exception {
        var senders = Executors.newFixedThreadPool(2);
        try (var h = Harness.builder(dir).flowYaml(FLOW).env("USER_MAX_MESSAGES_PER_MINUTE", "5").start()) {
            var anaTexts = new ArrayList<String>();
            for (int i = 1; i <= 12; i++) {
                anaTexts.add("Ana " + i);
            }
            var benTexts = List.of("Hi", "Ben", "Carter", "ben@example.com", "London"); // just within the limit

            Future<?> ana = senders.submit(() -> anaTexts.forEach(text -> h.say(ANA, text)));
            Future<?> ben = senders.submit(() -> benTexts.forEach(text -> h.say(BEN, text)));
            ana.get();
            ben.get();

            var anaSession = h.awaitSession(ANA, "all 12 messages processed", s -> s.messages().size() == 12
                    && s.messages().stream().allMatch(m -> "done".equals(m.path("status").asText())));
            assertThat(anaSession.messages()).extracting(m -> m.path("body").asText())
                    .containsExactlyElementsOf(anaTexts);
            anaSession = h.awaitSettled(ANA);
            assertThat(anaSession.answerValues()).as("the 2nd to 5th messages answered; the rest did not count")
                    .containsExactly(Map.entry("q1", "Ana 2"), Map.entry("q2", "Ana 3"),
                            Map.entry("q3", "Ana 4"), Map.entry("q4", "Ana 5"));
            assertThat(anaSession.currentQuestion()).isEqualTo("q5");
            var toAna = List.of(h.prompt("q1"), h.prompt("q2"), h.prompt("q3"), h.prompt("q4"), h.prompt("q5"),
                    TEXTS.flood());
            assertThat(anaSession.replyTexts()).containsExactlyElementsOf(toAna);
            assertThat(h.graph().awaitMessages(ANA, 6)).containsExactlyElementsOf(toAna);

            var benSession = h.awaitSession(BEN, "all 5 answered", s -> "q5".equals(s.currentQuestion()));
            assertThat(benSession.answerValues()).hasSize(4);
            assertThat(h.graph().awaitMessages(BEN, 5)).containsExactly(h.prompt("q1"), h.prompt("q2"),
                    h.prompt("q3"), h.prompt("q4"), h.prompt("q5"));

            // One person's messages are processed in order: a later one from Ana is ignored too, and adds nothing.
            h.say(ANA, "Ana 13");
            // Processed means committed with its replies, so a settled 13th message has added none.
            var after = h.awaitSession(ANA, "13th processed", s -> s.messages().size() == 13 && s.settled());
            assertThat(after.replyTexts()).containsExactlyElementsOf(toAna);
            assertThat(h.graph().texts(ANA)).containsExactlyElementsOf(toAna);
            assertThat(h.graph().texts(BEN)).doesNotContain(TEXTS.flood());
        } finally {
            senders.shutdownNow();
        }
    }
}
