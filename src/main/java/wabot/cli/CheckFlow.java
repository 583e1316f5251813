package wabot.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import wabot.conversation.Choices;
import wabot.conversation.Condition;
import wabot.conversation.Flow;
import wabot.conversation.Prompt;
import wabot.conversation.Question;
import wabot.conversation.Value;
import wabot.flow.FlowException;
import wabot.flow.FlowLoader;

/**
 * {@code java -jar wabot.jar check-flow FILE}: validates a flow file without starting anything. Prints a one-screen
 * summary (each question's type, how it is shown, when it is asked) and exits 0, or prints every problem as
 * {@code file:line: problem} and exits 1.
 */
final class CheckFlow {
    static final String USAGE = """
            Usage: java -jar wabot.jar check-flow FILE

            Checks a flow file as the service would at startup, without starting anything. Prints a summary of the
            questions (type, how each is shown, when it is asked) and exits 0, or prints every problem as
            file:line: problem and exits 1.""";

    private CheckFlow() {}

    static int run(List<String> args, PrintStream out, PrintStream err) throws UsageError {
        var flags = Flags.parse(args, Set.of(), Set.of());
        if (flags.positional().size() != 1) {
            throw new UsageError(flags.positional().isEmpty() ? "name the flow file to check"
                    : "check one file at a time, got " + flags.positional().size());
        }
        var file = Path.of(flags.positional().get(0));
        Flow flow;
        try {
            flow = FlowLoader.load(file);
        } catch (FlowException e) {
            err.println("wabot check-flow: " + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems")
                    + " in " + file + ":");
            e.problems().forEach(err::println);
            return 1;
        }
        out.print(summary(file.toString(), flow));
        out.flush();
        return 0;
    }

    static String summary(String file, Flow flow) {
        var text = new StringBuilder();
        var questions = flow.questions();
        text.append(file).append(": valid. ").append(questions.size())
                .append(questions.size() == 1 ? " question" : " questions").append(", language ")
                .append(flow.language().code()).append(", timezone ").append(flow.timezone().getId()).append(".\n\n");
        int width = questions.stream().mapToInt(q -> q.id().length()).max().orElse(2);
        for (int i = 0; i < questions.size(); i++) {
            var question = questions.get(i);
            text.append(String.format(Locale.ROOT, "%3d. %-" + width + "s  %s", i + 1, question.id(), type(question, flow)));
            if (!question.required()) {
                text.append(", optional");
            }
            if (!question.when().tests().isEmpty()) {
                text.append("\n").append(" ".repeat(7 + width)).append("asked when ").append(when(question.when()));
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** The type with its settings, and for options how they are shown: buttons, list or numbered menu. */
    private static String type(Question question, Flow flow) {
        var type = question.type();
        var parts = new ArrayList<String>();
        type.settings().forEach((key, value) -> {
            if (key.equals("integer")) {
                parts.add("whole");
            } else if (!key.equals("options")) {
                parts.add(key + " " + (value instanceof java.math.BigDecimal n ? n.toPlainString() : value));
            }
        });
        var options = type.options(flow.texts());
        if (!options.isEmpty()) {
            var choices = Prompt.of(question, flow.texts(), null).choices();
            var shape = choices == null ? "a numbered menu" : choices.style() == Choices.Style.BUTTONS ? "buttons"
                    : "a list";
            parts.add(options.size() + " options as " + shape + ": "
                    + String.join(", ", options.stream().map(Choices.Option::id).toList()));
        }
        return type.name() + (parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")");
    }

    private static String when(Condition condition) {
        var tests = new ArrayList<String>();
        for (var test : condition.tests()) {
            var values = test.values().stream().map(Value::display).toList();
            String comparison;
            switch (test.operator()) {
                case EQUALS: comparison = "is " + values.get(0); break;
                case IN: comparison = "is one of " + String.join(", ", values); break;
                case NOT: comparison = "is not " + String.join(" or ", values); break;
                case GT: comparison = "> " + values.get(0); break;
                case GTE: comparison = "≥ " + values.get(0); break;
                case LT: comparison = "< " + values.get(0); break;
                default: comparison = "≤ " + values.get(0); break;
            }
            tests.add(test.questionId() + " " + comparison);
        }
        return String.join(" and ", tests);
    }
}
