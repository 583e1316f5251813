package wabot.flow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import wabot.conversation.Flow;
import wabot.conversation.Question;
import wabot.conversation.Texts;

/**
 * Turns a YAML flow file into a {@link Flow}, or fails naming the file, the line and the problem. The schema is
 * in README.md; anything it does not know is an error, because a typo silently ignored is a bug in production.
 */
public final class FlowLoader {
    public static final String BUNDLED = "flows/default.yaml";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Set<String> ROOT_KEYS = Set.of("questions", "messages");
    private static final Set<String> QUESTION_KEYS = Set.of("id", "text", "required");
    private static final List<String> MESSAGE_KEYS = List.of("skip_hint", "required", "processing", "please_wait",
            "final_message", "apology", "text_only", "too_long", "expired", "restarted", "cancelled", "flood");

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
        var root = mapping(YamlReader.read(yaml, file), file, "the flow");
        unknownKeys(root, ROOT_KEYS, file, "the flow");
        var questionsNode = root.entries().get("questions");
        if (questionsNode == null) {
            throw new FlowException(file, root.line(), "the flow has no 'questions' list");
        }
        if (!(questionsNode instanceof YamlNode.Sequence list)) {
            throw new FlowException(file, questionsNode.line(), "'questions' must be a list, not " + questionsNode.kind());
        }
        if (list.items().isEmpty()) {
            throw new FlowException(file, list.line(), "'questions' is empty: a flow needs at least one question");
        }
        var questions = new ArrayList<Question>();
        var seen = new HashMap<String, Integer>();
        for (int i = 0; i < list.items().size(); i++) {
            var node = list.items().get(i);
            var question = question(node, file, i + 1);
            Integer first = seen.putIfAbsent(question.id(), node.line());
            if (first != null) {
                throw new FlowException(file, node.line(),
                        "duplicate question id '" + question.id() + "' (first used on line " + first + ")");
            }
            questions.add(question);
        }
        return new Flow(questions, texts(root.entries().get("messages"), file));
    }

    private static Question question(YamlNode node, String file, int number) {
        var what = "question " + number;
        var map = mapping(node, file, what);
        unknownKeys(map, QUESTION_KEYS, file, what);
        var id = text(map, "id", file, what);
        if (!ID.matcher(id).matches()) {
            throw new FlowException(file, map.entries().get("id").line(),
                    what + " has id '" + id + "': use 1 to 64 letters, digits, '_', '-' or '.'");
        }
        var text = text(map, "text", file, what);
        var required = map.entries().get("required");
        return new Question(id, text, required == null || bool(required, file, what));
    }

    private static Texts texts(YamlNode node, String file) {
        if (node == null) {
            return Texts.spanish();
        }
        var map = mapping(node, file, "'messages'");
        unknownKeys(map, Set.copyOf(MESSAGE_KEYS), file, "'messages'");
        Map<String, String> v = new HashMap<>();
        for (var key : map.entries().keySet()) {
            v.put(key, text(map, key, file, "'messages'"));
        }
        return new Texts(v.get("skip_hint"), v.get("required"), v.get("processing"), v.get("please_wait"),
                v.get("final_message"), v.get("apology"), v.get("text_only"), v.get("too_long"), v.get("expired"),
                v.get("restarted"), v.get("cancelled"), v.get("flood")).orElse(Texts.spanish());
    }

    private static YamlNode.Mapping mapping(YamlNode node, String file, String what) {
        if (node instanceof YamlNode.Mapping map) {
            return map;
        }
        throw new FlowException(file, node.line(), what + " must be a mapping of keys to values, not " + node.kind());
    }

    private static void unknownKeys(YamlNode.Mapping map, Set<String> known, String file, String what) {
        for (var key : map.entries().keySet()) {
            if (!known.contains(key)) {
                throw new FlowException(file, map.keyLines().get(key),
                        "unknown key '" + key + "' in " + what + " (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(YamlNode.Mapping map, String key, String file, String what) {
        var node = map.entries().get(key);
        if (node == null) {
            throw new FlowException(file, map.line(), what + " has no '" + key + "'");
        }
        if (!(node instanceof YamlNode.Scalar scalar) || scalar.value() == null || scalar.value().isBlank()) {
            throw new FlowException(file, node.line(), what + " has an empty '" + key + "'");
        }
        return scalar.value().strip();
    }

    private static boolean bool(YamlNode node, String file, String what) {
        if (node instanceof YamlNode.Scalar scalar && scalar.value() != null) {
            switch (scalar.value().toLowerCase(java.util.Locale.ROOT)) {
                case "true": case "yes": return true;
                case "false": case "no": return false;
                default: break;
            }
        }
        throw new FlowException(file, node.line(), what + " has 'required' that is neither true nor false");
    }
}
