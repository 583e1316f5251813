package wabot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;
import wabot.conversation.Question;
import wabot.conversation.Text;
import wabot.conversation.Texts;

/** Flow files wabot accepts, and what it makes of them. */
class FlowLoaderTest {

    @Test
    void bundledFlowHasFourQuestionsWithOnlyTheCommentOptional() {
        var flow = FlowLoader.bundled();

        assertThat(flow.questions()).extracting(Question::id).containsExactly("name", "email", "issue", "comment");
        assertThat(flow.questions()).filteredOn(q -> !q.required()).extracting(Question::id).containsExactly("comment");
        assertThat(flow.questions().get(1).text()).isEqualTo("¿Cuál es tu email?");
        assertThat(flow.texts()).isEqualTo(Texts.spanish());
    }

    @Test
    void loadsAFileFromDiskWithMessageOverrides(@TempDir Path dir) throws IOException {
        var file = dir.resolve("support.yaml");
        Files.writeString(file, """
                # a comment
                questions:
                  - id: name
                    text: "What is your name?"
                  - id: order.number
                    text: Which order is it about?
                    required: no
                  - id: details_2
                    text: >
                      Tell us
                      everything.
                    required: true
                messages:
                  skip_hint: "(Reply «skip» to leave this out.)"
                  final_message: "Thanks, we are on it!"
                """);

        var flow = FlowLoader.load(file);

        assertThat(flow.questions()).containsExactly(
                new Question("name", "What is your name?", true),
                new Question("order.number", "Which order is it about?", false),
                new Question("details_2", "Tell us everything.", true));
        assertThat(flow.texts().skipHint()).isEqualTo("(Reply «skip» to leave this out.)");
        assertThat(flow.texts().finalMessage()).isEqualTo("Thanks, we are on it!");
        assertThat(flow.texts().apology()).as("not overridden").isEqualTo(Texts.spanish().apology());
    }

    @Test
    void everyMessageCanBeOverridden() {
        var flow = FlowLoader.parse("""
                questions: [{id: q, text: Q}]
                messages:
                  skip_hint: a
                  required: b
                  processing: c
                  please_wait: d
                  final_message: e
                  apology: f
                  text_only: g
                  too_long: h
                  expired: i
                  restarted: j
                  cancelled: k
                  flood: l
                """, "all.yaml");

        var expected = new java.util.EnumMap<Text, String>(Texts.spanish().entries());
        var values = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l");
        var keys = List.of(Text.SKIP_HINT, Text.REQUIRED, Text.PROCESSING, Text.PLEASE_WAIT, Text.FINAL_MESSAGE,
                Text.APOLOGY, Text.TEXT_ONLY, Text.TOO_LONG, Text.EXPIRED, Text.RESTARTED, Text.CANCELLED, Text.FLOOD);
        for (int i = 0; i < keys.size(); i++) {
            expected.put(keys.get(i), values.get(i));
        }
        assertThat(flow.texts()).isEqualTo(new Texts(expected));
    }

    @Test
    void requiredAcceptsTrueFalseYesAndNoInAnyCase() {
        var flow = FlowLoader.parse("""
                questions:
                  - {id: a, text: A, required: True}
                  - {id: b, text: B, required: FALSE}
                  - {id: c, text: C, required: yes}
                  - {id: d, text: D, required: "No"}
                """, "bools.yaml");

        assertThat(flow.questions()).extracting(Question::required).containsExactly(true, false, true, false);
    }

    @Test
    void missingFileIsReportedAsAFlowError(@TempDir Path dir) {
        var missing = dir.resolve("nope.yaml");

        var error = catchThrowableOfType(FlowException.class, () -> FlowLoader.load(missing));

        assertThat(error).hasMessageStartingWith(missing + ":1: cannot read the file");
    }
}
