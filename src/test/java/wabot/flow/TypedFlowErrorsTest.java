package wabot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of types, options, conditions, languages and commands refuses a flow with {@code file:line: problem},
 * the line being where the problem is written.
 */
class TypedFlowErrorsTest {
    private static final String FILE = "flow.yaml";

    private static FlowException refused(String yaml) {
        var error = catchThrowableOfType(FlowException.class, () -> FlowLoader.parse(yaml, FILE));
        assertThat(error).as("flow should have been refused:%n%s", yaml).isNotNull();
        return error;
    }

    /** A flow whose first question asks for a topic (billing, refunds), the second whether it is urgent. */
    private static String withTopic(String more) {
        return """
                questions:
                  - id: topic
                    text: Topic?
                    type: choice
                    options:
                      - {id: billing, title: Billing}
                      - {id: refunds, title: Refunds}
                  - id: urgent
                    text: Urgent?
                    type: yes_no
                  - id: age
                    text: Age?
                    type: number
                  - id: photo
                    text: Photo?
                    type: image
                """ + more;
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("an unknown type", "questions:\n  - id: a\n    text: A\n    type: emial\n",
                        "flow.yaml:4: question 1 has type 'emial': use text, number, email, phone, date, yes_no, choice, "
                                + "image, document, audio, video, media, location"),
                Arguments.of("a key of another type", "questions:\n  - id: a\n    text: A\n    type: number\n    min_length: 2\n",
                        "flow.yaml:5: unknown key 'min_length' in question 1, a number question (known: error, id, "
                                + "integer, max, min, required, text, type, when)"),
                Arguments.of("a length that is no whole number", "questions:\n  - {id: a, text: A, min_length: two}\n",
                        "flow.yaml:2: question 1 has 'min_length' that is not a whole number from 0 to 100000"),
                Arguments.of("a zero max_length", "questions:\n  - id: a\n    text: A\n    max_length: 0\n",
                        "flow.yaml:4: question 1 has 'max_length' 0: no answer could fit"),
                Arguments.of("min_length above max_length", "questions:\n  - id: a\n    text: A\n    min_length: 9\n    max_length: 3\n",
                        "flow.yaml:4: question 1 has 'min_length' above 'max_length'"),
                Arguments.of("a broken pattern", "questions:\n  - id: a\n    text: A\n    pattern: '[A-Z'\n",
                        "flow.yaml:4: question 1 has a 'pattern' that is not a valid regular expression: Unclosed character class near index 3"),
                Arguments.of("a number limit that is no number", "questions:\n  - id: a\n    text: A\n    type: number\n    max: lots\n",
                        "flow.yaml:5: question 1 has 'max' that is not a number"),
                Arguments.of("a number min above max", "questions:\n  - id: a\n    text: A\n    type: number\n    min: 10\n    max: 1\n",
                        "flow.yaml:5: question 1 has 'min' above 'max'"),
                Arguments.of("integer that is neither true nor false", "questions:\n  - id: a\n    text: A\n    type: number\n    integer: often\n",
                        "flow.yaml:5: question 1 has 'integer' that is neither true nor false"),
                Arguments.of("an unknown region", "questions:\n  - id: a\n    text: A\n    type: phone\n    default_region: Narnia\n",
                        "flow.yaml:5: question 1 has default_region 'Narnia': use a two-letter country code such as AR, BR, ES, MX or US"),
                Arguments.of("a date limit that is no date", "questions:\n  - id: a\n    text: A\n    type: date\n    min: someday\n",
                        "flow.yaml:5: question 1 has 'min' 'someday': use a date (2026-12-25), or today, tomorrow, yesterday, today+N or today-N (days)"),
                Arguments.of("a date min after max", "questions:\n  - id: a\n    text: A\n    type: date\n    min: today+10\n    max: tomorrow\n",
                        "flow.yaml:5: question 1 has 'min' after 'max'"),
                Arguments.of("a choice without options", "questions:\n  - id: a\n    text: A\n    type: choice\n",
                        "flow.yaml:2: question 1 is a choice without 'options'"),
                Arguments.of("options that are no list", "questions:\n  - id: a\n    text: A\n    type: choice\n    options: billing\n",
                        "flow.yaml:5: question 1 has 'options' that is not a list of options"),
                Arguments.of("an option without a title", "questions:\n  - id: a\n    text: A\n    type: choice\n    options:\n      - id: b\n",
                        "flow.yaml:6: question 1, option 1 has no 'title'"),
                Arguments.of("an option id with spaces", "questions:\n  - id: a\n    text: A\n    type: choice\n    options:\n      - {id: b c, title: B}\n",
                        "flow.yaml:6: question 1, option 1 has id 'b c': use 1 to 64 letters, digits, '_', '-' or '.'"),
                Arguments.of("an unknown option key", "questions:\n  - id: a\n    text: A\n    type: choice\n    options:\n      - id: b\n        title: B\n        tittle: B\n",
                        "flow.yaml:8: unknown key 'tittle' in question 1, option 1 (known: description, id, title)"),
                Arguments.of("a repeated option id", "questions:\n  - id: a\n    text: A\n    type: choice\n    options:\n      - {id: b, title: B}\n      - {id: b, title: C}\n",
                        "flow.yaml:7: question 1, option 2 repeats the id 'b' of option 1"),
                Arguments.of("titles that differ only in case and accents", "questions:\n  - id: a\n    text: A\n    type: choice\n    options:\n      - {id: b, title: Facturación}\n      - {id: c, title: FACTURACION}\n",
                        "flow.yaml:7: question 1, option 2 has the title of option 1: people could not tell them apart"),
                Arguments.of("a when that is no mapping", withTopic("  - id: x\n    text: X\n    when: urgent\n"),
                        "flow.yaml:19: question 5's 'when' must be a mapping of keys to values, not a single value"),
                Arguments.of("an empty when", withTopic("  - id: x\n    text: X\n    when: {}\n"),
                        "flow.yaml:19: question 5 has an empty 'when': name the earlier answers it depends on"),
                Arguments.of("a when on itself", withTopic("  - id: x\n    text: X\n    when:\n      x: hi\n"),
                        "flow.yaml:20: question 5 has 'when' on its own answer: it can only depend on earlier questions"),
                Arguments.of("a when on a later question", "questions:\n  - id: a\n    text: A\n    when: {b: yes}\n  - id: b\n    text: B\n",
                        "flow.yaml:4: question 1 has 'when' on 'b', which comes after it: a condition can only use earlier answers"),
                Arguments.of("a when on no question", withTopic("  - id: x\n    text: X\n    when:\n      topc: billing\n"),
                        "flow.yaml:20: question 5 has 'when' on 'topc', which is not a question of this flow"),
                Arguments.of("a when on a photo", withTopic("  - id: x\n    text: X\n    when:\n      photo: yes\n"),
                        "flow.yaml:20: question 5 has 'when' on 'photo', a image question: a condition can only test text, numbers, dates, choices and yes/no"),
                Arguments.of("a yes/no value that is neither", withTopic("  - id: x\n    text: X\n    when:\n      urgent: maybe\n"),
                        "flow.yaml:20: question 5 has 'when' on 'urgent': 'urgent' is a yes_no question, so its value must be true or false, not 'maybe'"),
                Arguments.of("a number value that is none", withTopic("  - id: x\n    text: X\n    when:\n      age: {gte: adult}\n"),
                        "flow.yaml:20: question 5 has 'when' on 'age': 'age' is a number question, so its value must be a number, not 'adult'"),
                Arguments.of("an option the choice does not have", withTopic("  - id: x\n    text: X\n    when:\n      topic: [billing, sales]\n"),
                        "flow.yaml:20: question 5 has 'when' on 'topic': it has no option 'sales' (options: billing, refunds)"),
                Arguments.of("an unknown operator", withTopic("  - id: x\n    text: X\n    when:\n      age:\n        above: 18\n"),
                        "flow.yaml:21: question 5 has 'when' on 'age' with the operator 'above': use not, gt, gte, lt or lte, a value, or a list of values"),
                Arguments.of("an ordering on a choice", withTopic("  - id: x\n    text: X\n    when:\n      topic: {gt: billing}\n"),
                        "flow.yaml:20: question 5 has 'when' on 'topic' with 'gt': only numbers and dates can be compared, and 'topic' is a choice question"),
                Arguments.of("an empty list of values", withTopic("  - id: x\n    text: X\n    when:\n      topic: []\n"),
                        "flow.yaml:20: question 5 has 'when' on 'topic' with an empty list of values"),
                Arguments.of("a date value that is none", "questions:\n  - {id: d, text: D, type: date}\n  - id: x\n    text: X\n    when:\n      d: {gt: tomorrow}\n",
                        "flow.yaml:6: question 2 has 'when' on 'd': 'd' is a date question, so its value must be a date such as 2026-12-25, not 'tomorrow'"),
                Arguments.of("an unknown language", "language: fr\nquestions: [{id: a, text: A}]\n",
                        "flow.yaml:1: the flow has language 'fr': use es (Spanish, the default), en (English) or pt (Portuguese)"),
                Arguments.of("an unknown timezone", "timezone: Mars/Olympus\nquestions: [{id: a, text: A}]\n",
                        "flow.yaml:1: the flow has timezone 'Mars/Olympus': use a name such as America/Argentina/Buenos_Aires, Europe/Madrid or UTC"),
                Arguments.of("an unknown command", "questions: [{id: a, text: A}]\ncommands:\n  undo: deshacer\n",
                        "flow.yaml:3: unknown key 'undo' in 'commands' (known: back, cancel, help, restart, skip)"),
                Arguments.of("a word for two commands", "questions: [{id: a, text: A}]\ncommands:\n  back: [volver]\n  restart: [volver]\n",
                        "flow.yaml:4: 'commands' gives the word 'volver' to both 'back' and 'restart'"),
                Arguments.of("a word a default command keeps", "questions: [{id: a, text: A}]\ncommands:\n  back: [cancelar]\n",
                        "flow.yaml:3: 'commands' gives the word 'cancelar' to 'back', but 'cancel' has it too"),
                Arguments.of("a command without letters", "questions: [{id: a, text: A}]\ncommands:\n  help: ['???']\n",
                        "flow.yaml:3: 'commands' has the word '???' for 'help': a command needs letters or digits"),
                Arguments.of("a message that is no text of the bot", "questions: [{id: a, text: A}]\nmessages:\n  goodbye: Bye\n",
                        "flow.yaml:3: unknown key 'goodbye' in 'messages'"),
                Arguments.of("a button text over 20 characters", "questions: [{id: a, text: A}]\nmessages:\n  yes: Sí, por supuesto que sí\n",
                        "flow.yaml:3: 'messages' has 'yes' of 23 characters: it is shown on a button, which holds at most 20"),
                Arguments.of("an option titled like a command", "questions:\n  - id: a\n    text: A\n    type: choice\n    options:\n      - {id: x, title: Ayuda}\n",
                        "flow.yaml:2: question 1 has the option 'Ayuda', which is also the word of the command 'help': typing it would help instead of choosing it"),
                Arguments.of("a yes/no answer taken by a command", "questions:\n  - {id: a, text: A, type: yes_no}\ncommands:\n  cancel: [no]\n",
                        "flow.yaml:2: question 1 is a yes/no question, and 'no' is both an answer to it and the word of the command 'cancel'"),
                Arguments.of("an empty error", "questions:\n  - id: a\n    text: A\n    error: ''\n",
                        "flow.yaml:4: question 1 has an empty 'error'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void isRefusedAtItsLine(String rule, String yaml, String expected) {
        assertThat(refused(yaml).getMessage()).startsWith(expected);
    }

    @Test
    void everyProblemIsReportedInOneRunInTheOrderOfTheLines() {
        var error = refused("""
                language: xx
                questions:
                  - id: a
                    text: A
                    type: numbr
                  - id: b
                    text: B
                    when: {a: 1}
                  - id: c
                    text: C
                    type: date
                    max: never
                  - id: c
                    text: C again
                """);

        assertThat(error.problems()).containsExactly(
                "flow.yaml:1: the flow has language 'xx': use es (Spanish, the default), en (English) or pt (Portuguese)",
                "flow.yaml:5: question 1 has type 'numbr': use text, number, email, phone, date, yes_no, choice, image, "
                        + "document, audio, video, media, location",
                "flow.yaml:12: question 3 has 'max' 'never': use a date (2026-12-25), or today, tomorrow, yesterday, "
                        + "today+N or today-N (days)",
                "flow.yaml:13: duplicate question id 'c' (first used on line 9)");
    }
}
