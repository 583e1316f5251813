package wabot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal names the file and the line, then says what is wrong. */
class FlowLoaderErrorsTest {
    private static final String FILE = "flow.yaml";

    private static FlowException refused(String yaml) {
        var error = catchThrowableOfType(FlowException.class, () -> FlowLoader.parse(yaml, FILE));
        assertThat(error).as("flow should have been refused:%n%s", yaml).isNotNull();
        return error;
    }

    @Test
    void duplicateIdNamesTheSecondLineAndMentionsTheFirst() {
        var error = refused("""
                questions:
                  - id: name
                    text: Name?
                  - id: email
                    text: Email?
                  - id: name
                    text: Name again?
                """);

        assertThat(error).hasMessageStartingWith("flow.yaml:6: ")
                .hasMessageContaining("duplicate question id 'name'")
                .hasMessageContaining("line 2");
    }

    @Test
    void emptyTextIsRefused() {
        var error = refused("""
                questions:
                  - id: name
                    text: "  "
                """);

        assertThat(error).hasMessage("flow.yaml:3: question 1 has an empty 'text'");
    }

    @Test
    void missingTextIsRefused() {
        var error = refused("""
                questions:
                  - id: name
                    text: Name?
                  - id: email
                    required: true
                """);

        assertThat(error).hasMessageStartingWith("flow.yaml:4: ").hasMessageContaining("question 2 has no 'text'");
    }

    @Test
    void flowWithoutQuestionsKeyIsRefused() {
        var error = refused("""
                # only messages
                messages:
                  flood: Slow down
                """);

        assertThat(error).hasMessageStartingWith("flow.yaml:2: ").hasMessageContaining("no 'questions'");
    }

    @Test
    void emptyQuestionsListIsRefused() {
        var error = refused("""
                messages: {flood: Slow down}
                questions: []
                """);

        assertThat(error).hasMessageStartingWith("flow.yaml:2: ").hasMessageContaining("'questions' is empty");
    }

    @Test
    void questionsThatAreNotAListAreRefused() {
        var error = refused("""
                questions:
                  id: name
                  text: Name?
                """);

        assertThat(error).hasMessageStartingWith("flow.yaml:2: ").hasMessageContaining("'questions' must be a list");
    }

    @Test
    void misspelledKeyIsRefusedInsteadOfIgnored() {
        var error = refused("""
                questions:
                  - id: comment
                    text: Anything else?
                    requird: false
                """);

        assertThat(error).hasMessageStartingWith("flow.yaml:4: ").hasMessageContaining("unknown key 'requird'")
                .hasMessageContaining("(known: error, id, max_length, min_length, pattern, required, text, type, when)");
    }

    @Test
    void unknownRootKeyIsRefused() {
        assertThat(refused("questions: [{id: a, text: A}]\nquestion: []\n"))
                .hasMessageStartingWith("flow.yaml:2: ").hasMessageContaining("unknown key 'question'");
    }

    @Test
    void requiredThatIsNeitherTrueNorFalseIsRefused() {
        var error = refused("""
                questions:
                  - id: comment
                    text: Anything else?
                    required: maybe
                """);

        assertThat(error).hasMessageStartingWith("flow.yaml:4: ")
                .hasMessageContaining("'required' that is neither true nor false");
    }

    @Test
    void invalidYamlSyntaxIsRefusedWithItsLine() {
        var error = refused("""
                questions:
                  - id: name
                    text: Name?
                  - id: email
                    text: [unclosed
                """);

        assertThat(error).hasMessageStartingWith("flow.yaml:5: invalid YAML: ").hasMessageContaining("line 5");
    }

    @Test
    void emptyFileIsRefused(@TempDir Path dir) throws IOException {
        var file = Files.writeString(dir.resolve("empty.yaml"), "");

        var error = catchThrowableOfType(FlowException.class, () -> FlowLoader.load(file));

        assertThat(error).hasMessage(file + ":1: the file is empty");
    }

    @Test
    void idWithCharactersOutsideTheAllowedSetIsRefused() {
        var error = refused("""
                questions:
                  - text: Your name?
                    id: "your name"
                """);

        assertThat(error).hasMessageStartingWith("flow.yaml:3: ").hasMessageContaining("id 'your name'");
    }

    @Test
    void questionWrittenAsAPlainValueIsRefused() {
        var error = refused("""
                questions:
                  - id: name
                    text: Name?
                  - email
                """);

        assertThat(error).hasMessageStartingWith("flow.yaml:4: ").hasMessageContaining("question 2 must be a mapping");
    }

    @Test
    void keyRepeatedWithinOneQuestionIsRefused() {
        var error = refused("""
                questions:
                  - id: name
                    text: Name?
                    text: Your name?
                """);

        assertThat(error).hasMessageStartingWith("flow.yaml:4: invalid YAML: ").hasMessageContaining("'text'");
    }
}
