package wabot.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import wabot.conversation.Question;

/**
 * Reads a list of questions in the flow schema (README.md, "The flow file"), wherever it comes from: a flow file,
 * the business API's {@code additional_questions}, or a session's stored extra questions. One reader, so that the
 * three accept the same questions. A problem with one question is recorded and reading goes on with the next, so
 * that one run reports them all.
 */
final class QuestionReader {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    static final Set<String> BASE_KEYS = Set.of("id", "text", "required", "type", "when", "error");

    /** Where questions come from, and so how strictly they are read. */
    enum Source {
        /** YAML written by people: lenient values; every name checked. */
        FLOW_FILE,
        /** JSON from the business API: JSON's own types; every name checked. */
        API,
        /** JSON wabot stored itself: JSON's own types; names trusted (the questions they name are not at hand). */
        STORED
    }

    private final Source source;
    private final Problems problems;
    private final Nodes nodes;
    private final TypeReader types;
    private final ConditionReader conditions;

    QuestionReader(Source source, Problems problems) {
        this.source = source;
        this.problems = problems;
        this.nodes = new Nodes(source != Source.FLOW_FILE);
        this.types = new TypeReader(nodes);
        this.conditions = new ConditionReader(nodes);
    }

    /**
     * The questions that could be read; the problems with the others go to the problems given.
     *
     * @param before questions asked before these (the flow's, for the API's), which conditions may name
     */
    List<Question> read(YamlNode.Sequence list, List<Question> before) {
        var earlier = new LinkedHashMap<String, Question>();
        before.forEach(q -> earlier.put(q.id(), q));
        var later = new HashSet<String>();
        list.items().forEach(item -> later.add(rawId(item)));
        var unread = new HashSet<String>();
        var seen = new HashMap<String, Integer>();
        var questions = new ArrayList<Question>();
        for (int i = 0; i < list.items().size(); i++) {
            var node = list.items().get(i);
            var id = rawId(node);
            later.remove(id);
            try {
                var question = question(node, i + 1, source == Source.STORED ? null : earlier, later, unread);
                Integer first = seen.putIfAbsent(question.id(), source == Source.FLOW_FILE ? node.line() : i + 1);
                if (first != null) {
                    throw new Problems.Found(node.line(), "duplicate question id '" + question.id() + "' (first used "
                            + (source == Source.FLOW_FILE ? "on line " : "by question ") + first + ")");
                }
                questions.add(question);
                earlier.put(question.id(), question);
            } catch (Problems.Found problem) {
                problems.add(problem);
                if (id != null && !earlier.containsKey(id)) {
                    unread.add(id);
                }
                if (id != null) {
                    seen.putIfAbsent(id, source == Source.FLOW_FILE ? node.line() : i + 1);
                }
            }
        }
        return questions;
    }

    private Question question(YamlNode node, int number, java.util.Map<String, Question> earlier, Set<String> later,
                              Set<String> unread) {
        var id = rawId(node);
        var what = "question " + number + (source != Source.FLOW_FILE && id != null ? " ('" + id + "')" : "");
        var map = nodes.mapping(node, what);
        var typeNode = map.entries().get("type");
        var typeName = typeNode == null ? "text" : nodes.text(typeNode, "type", what);
        var typeKeys = TypeReader.KEYS.get(typeName);
        if (typeKeys == null) {
            throw Nodes.problem(typeNode, what + " has type '" + typeName + "': use "
                    + String.join(", ", TypeReader.KEYS.keySet()));
        }
        var known = new TreeSet<>(BASE_KEYS);
        known.addAll(typeKeys);
        nodes.unknownKeys(map, known, typeNode == null ? what : what + ", a " + typeName + " question");
        id = nodes.text(map, "id", what);
        if (!ID.matcher(id).matches()) {
            throw Nodes.problem(map.entries().get("id"), what + " has id '" + id
                    + "': use 1 to 64 letters, digits, '_', '-' or '.'");
        }
        var text = nodes.text(map, "text", what);
        var required = nodes.bool(map, "required", true, what);
        var error = nodes.optionalText(map, "error", what);
        var type = types.read(typeName, map, what);
        var when = conditions.read(map.entries().get("when"), what, id, earlier, later, unread);
        return new Question(id, text, required, type, when, error);
    }

    /** The id a question node gives itself, before it is checked; null when it has none. */
    private static String rawId(YamlNode node) {
        if (node instanceof YamlNode.Mapping map && map.entries().get("id") instanceof YamlNode.Scalar id
                && id.value() != null) {
            return id.value().strip();
        }
        return null;
    }
}
