package wabot.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import wabot.conversation.Flow;
import wabot.conversation.Prompt;
import wabot.fuzz.Executions;
import wabot.fuzz.FuzzInput;

/**
 * {@link FlowLoader#parse} returns a usable {@link Flow} or throws a {@link FlowException} whose message starts
 * with {@code <file>:<line>: } for a line that exists; any other exception or error fails the target. Seeds:
 * the bundled flow, the example with every type, and a few valid and invalid variants in
 * {@code FlowLoaderFuzzTestInputs/parseYaml}. A flow it accepts only names earlier questions in its conditions,
 * shows every question within Meta's limits, and reads back the same from the store.
 */
class FlowLoaderFuzzTest {
    private static final String FILE = "fuzz/flow.yaml";
    private static final Pattern LOCATED = Pattern.compile(Pattern.quote(FILE) + ":([1-9][0-9]{0,8}): \\S.*",
            Pattern.DOTALL);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    @FuzzTest(maxDuration = "5m")
    // Jazzer 0.26 writes whitespace below 0x20 into its dictionary file unescaped, which libFuzzer then
    // rejects, so no entry here may hold a newline or a tab.
    @DictionaryEntries({"questions:", "messages:", "- id: ", "id:", "text:", "required:", "skip_hint:",
            "final_message:", "please_wait:", "too_long:", "flood:", "true", "false", "yes", "no", "~", "null",
            "---", "...", "&a ", "*a", "<<: ", "!!str ", "!!int ", "!!binary ", "? ", "|-", ">+", "{", "}",
            "[", "]", "\"\\u0000\"", "'", "#", "%YAML 1.2", "\ufeff", "type: ", "when: ", "options: ",
            "error: ", "language: ", "timezone: ", "commands: ", "choice", "yes_no", "number", "date", "email", "phone",
            "location", "image", "media", "integer: ", "min: ", "max: ", "min_length: ", "max_length: ", "pattern: ",
            "default_region: ", "title: ", "description: ", "not: ", "gte: ", "lt: ", "today+", "tomorrow", "es", "en",
            "pt", "back: ", "help: "})
    void parseYaml(byte[] input) {
        Executions.count("FlowLoaderFuzzTest#parseYaml");
        var yaml = new String(input, StandardCharsets.UTF_8);
        Flow flow;
        try {
            flow = FlowLoader.parse(yaml, FILE);
        } catch (FlowException refused) {
            checkLocated(refused, yaml);
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("parse threw " + e + " on: " + FuzzInput.describe(yaml), e);
        }
        assertThat(flow.questions()).isNotEmpty();
        var ids = new HashSet<String>();
        for (var q : flow.questions()) {
            assertThat(ID.matcher(q.id()).matches()).as("id %s", q.id()).isTrue();
            assertThat(ids.add(q.id())).as("unique id %s", q.id()).isTrue();
            assertThat(q.text()).isNotBlank();
        }
        var earlier = new HashSet<String>();
        for (var q : flow.questions()) {
            for (var test : q.when().tests()) {
                assertThat(earlier).as("when of %s names an earlier question", q.id()).contains(test.questionId());
            }
            earlier.add(q.id());
            var reply = Prompt.of(q, flow.texts(), null);
            if (reply.choices() != null) {
                assertThat(reply.text().length()).isLessThanOrEqualTo(1024);
                assertThat(reply.choices().options()).allSatisfy(o -> assertThat(o.title().length()).isLessThanOrEqualTo(24));
            }
        }
        // What the store writes of these questions reads back as the same questions.
        assertThat(QuestionSpecs.read(QuestionSpecs.write(flow.questions()))).isEqualTo(flow.questions());
        assertThat(flow.texts()).isNotNull();
        assertThat(flow.texts().finalMessage()).isNotBlank();
        assertThat(flow.texts().skipHint()).isNotBlank();
    }

    private static void checkLocated(FlowException refused, String yaml) {
        var message = refused.getMessage();
        var located = LOCATED.matcher(message);
        assertThat(located.matches()).as("message names file and line: %s", message).isTrue();
        long line = Long.parseLong(located.group(1));
        long lines = lines(yaml);
        assertThat(line).as("line of %s in a %d-line file", message, lines).isLessThanOrEqualTo(lines);
    }

    /** Lines as YAML counts them: breaks at \n, \r\n and \r, and in YAML 1.1 (SnakeYAML) NEL, LS and PS. */
    private static long lines(String yaml) {
        long lines = 1;
        for (int i = 0; i < yaml.length(); i++) {
            char c = yaml.charAt(i);
            if (c == '\r' && i + 1 < yaml.length() && yaml.charAt(i + 1) == '\n') {
                continue;
            }
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                lines++;
            }
        }
        return lines;
    }

    @AfterAll
    static void report() {
        Executions.report();
    }
}
