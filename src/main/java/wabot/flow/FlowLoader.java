package wabot.flow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import wabot.conversation.Flow;
import wabot.conversation.Language;

/**
 * Turns a YAML flow file into a {@link Flow}, or fails naming the file, the line and the problem, every problem it
 * finds. The schema is in README.md; anything it does not know is an error, because a typo silently ignored is a
 * bug in production.
 */
public final class FlowLoader {
    public static final String BUNDLED = "flows/default.yaml";
    private static final Set<String> ROOT_KEYS = Set.of("questions", "messages", "commands", "language", "timezone");

    private FlowLoader() {}

    public static Flow load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new FlowException(file.toString(), 1, "cannot read the file: " + e.getMessage());
        }
    }

    public static Flow bundled() {
        try (InputStream in = FlowLoader.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + BUNDLED);
        } catch (IOException e) {
            throw new IllegalStateException("the bundled flow is missing", e);
        }
    }

    public static Flow parse(String yaml, String file) {
        try {
            return parse(YamlReader.read(yaml, file), file);
        } catch (Problems.Found problem) {
            throw new FlowException(file, problem.line, problem.getMessage());
        }
    }

    private static Flow parse(YamlNode document, String file) {
        var nodes = new Nodes(false);
        var root = nodes.mapping(document, "the flow");
        nodes.unknownKeys(root, ROOT_KEYS, "the flow");
        var questionsNode = root.entries().get("questions");
        if (questionsNode == null) {
            throw new Problems.Found(root.line(), "the flow has no 'questions' list");
        }
        if (!(questionsNode instanceof YamlNode.Sequence list)) {
            throw Nodes.problem(questionsNode, "'questions' must be a list, not " + questionsNode.kind());
        }
        if (list.items().isEmpty()) {
            throw Nodes.problem(list, "'questions' is empty: a flow needs at least one question");
        }
        var problems = new Problems();
        var language = attempt(problems, () -> FlowSettings.language(root, nodes), Language.ES);
        var timezone = attempt(problems, () -> FlowSettings.timezone(root, nodes), Flow.UTC);
        var texts = attempt(problems, () -> FlowSettings.texts(root.entries().get("messages"), language, nodes),
                language.texts());
        var commands = attempt(problems, () -> FlowSettings.commands(root.entries().get("commands"), language, nodes),
                language.commands());
        var questions = new QuestionReader(QuestionReader.Source.FLOW_FILE, problems).read(list, List.of());
        if (problems.isEmpty()) {
            Clashes.check(questions, list, commands, language, problems);
        }
        if (!problems.isEmpty()) {
            throw new FlowException(problems.located(file));
        }
        return new Flow(questions, texts, language, commands, timezone);
    }

    private interface Part<T> {
        T read();
    }

    /** A part of the flow, or {@code fallback} with its problem recorded, so the rest is still checked. */
    private static <T> T attempt(Problems problems, Part<T> part, T fallback) {
        try {
            return part.read();
        } catch (Problems.Found problem) {
            problems.add(problem);
            return fallback;
        }
    }
}
