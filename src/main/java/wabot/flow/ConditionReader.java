package wabot.flow;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import wabot.answers.ChoiceAnswer;
import wabot.answers.DateAnswer;
import wabot.answers.LocationAnswer;
import wabot.answers.MediaAnswer;
import wabot.answers.NumberAnswer;
import wabot.answers.YesNoAnswer;
import wabot.conversation.Choices;
import wabot.conversation.Condition;
import wabot.conversation.Question;
import wabot.conversation.Value;

/**
 * Reads a question's {@code when:}: each key an earlier question, each value what its answer must be. The value's
 * type follows the question it tests: true or false for a yes/no question, a number for a number, an option id
 * for a choice, a date (2026-12-25) for a date, text otherwise.
 */
final class ConditionReader {
    private static final Map<String, Condition.Operator> OPERATORS = Map.of("not", Condition.Operator.NOT,
            "gt", Condition.Operator.GT, "gte", Condition.Operator.GTE, "lt", Condition.Operator.LT,
            "lte", Condition.Operator.LTE);

    private final Nodes nodes;

    ConditionReader(Nodes nodes) {
        this.nodes = nodes;
    }

    /**
     * @param earlier the questions before this one by id, or null to trust the names (questions read back from
     *                the store, written by wabot itself)
     * @param later   ids that come after this question, to say so rather than "no such question"
     * @param unread  ids of earlier questions that could not be read: their problem is already reported
     */
    Condition read(YamlNode node, String what, String self, Map<String, Question> earlier, Set<String> later,
                   Set<String> unread) {
        if (node == null) {
            return Condition.ALWAYS;
        }
        var map = nodes.mapping(node, what + "'s 'when'");
        if (map.entries().isEmpty()) {
            throw Nodes.problem(node, what + " has an empty 'when': name the earlier answers it depends on");
        }
        var tests = new ArrayList<Condition.Test>();
        for (var entry : map.entries().entrySet()) {
            var id = entry.getKey();
            var line = map.keyLines().get(id);
            Question target = null;
            if (earlier != null) {
                if (id.equals(self)) {
                    throw new Problems.Found(line, what + " has 'when' on its own answer: it can only depend on "
                            + "earlier questions");
                }
                target = earlier.get(id);
                if (target == null && unread.contains(id)) {
                    continue;
                }
                if (target == null) {
                    throw new Problems.Found(line, what + " has 'when' on '" + id + "', " + (later.contains(id)
                            ? "which comes after it: a condition can only use earlier answers"
                            : "which is not a question of this flow"));
                }
                if (target.type() instanceof MediaAnswer || target.type() instanceof LocationAnswer) {
                    throw new Problems.Found(line, what + " has 'when' on '" + id + "', a " + target.type().name()
                            + " question: a condition can only test text, numbers, dates, choices and yes/no");
                }
            }
            tests.addAll(tests(entry.getValue(), id, target, what));
        }
        return new Condition(tests);
    }

    private List<Condition.Test> tests(YamlNode node, String id, Question target, String what) {
        if (node instanceof YamlNode.Sequence list) {
            return List.of(new Condition.Test(id, Condition.Operator.IN, values(list, id, target, what)));
        }
        if (!(node instanceof YamlNode.Mapping operators)) {
            return List.of(new Condition.Test(id, Condition.Operator.EQUALS, List.of(value(node, id, target, what))));
        }
        if (operators.entries().isEmpty()) {
            throw Nodes.problem(node, what + " has 'when' on '" + id + "' with no operator");
        }
        var tests = new ArrayList<Condition.Test>();
        for (var entry : operators.entries().entrySet()) {
            var operator = OPERATORS.get(entry.getKey().toLowerCase(Locale.ROOT));
            if (operator == null) {
                throw new Problems.Found(operators.keyLines().get(entry.getKey()), what + " has 'when' on '" + id
                        + "' with the operator '" + entry.getKey() + "': use not, gt, gte, lt or lte, a value, or a "
                        + "list of values");
            }
            if (operator.orders() && target != null && !(target.type() instanceof NumberAnswer)
                    && !(target.type() instanceof DateAnswer)) {
                throw Nodes.problem(entry.getValue(), what + " has 'when' on '" + id + "' with '" + entry.getKey()
                        + "': only numbers and dates can be compared, and '" + id + "' is a "
                        + target.type().name() + " question");
            }
            var values = entry.getValue() instanceof YamlNode.Sequence list && operator == Condition.Operator.NOT
                    ? values(list, id, target, what) : List.of(value(entry.getValue(), id, target, what));
            tests.add(new Condition.Test(id, operator, values));
        }
        return tests;
    }

    private List<Value> values(YamlNode.Sequence list, String id, Question target, String what) {
        if (list.items().isEmpty()) {
            throw Nodes.problem(list, what + " has 'when' on '" + id + "' with an empty list of values");
        }
        var values = new ArrayList<Value>();
        for (var item : list.items()) {
            values.add(value(item, id, target, what));
        }
        return values;
    }

    /** One value, of the type the tested question's answers have. */
    private Value value(YamlNode node, String id, Question target, String what) {
        if (!(node instanceof YamlNode.Scalar scalar) || scalar.value() == null) {
            throw Nodes.problem(node, what + " has 'when' on '" + id + "' with " + (node instanceof YamlNode.Scalar
                    ? "no value" : node.kind() + " where a value belongs"));
        }
        var type = target == null ? null : target.type();
        var wrong = "'" + id + "' is a " + (type == null ? "" : type.name()) + " question, so ";
        if (type == null) {
            return byKind(scalar);
        }
        if (type instanceof YesNoAnswer) {
            var value = nodes.booleanOf(scalar);
            if (value == null) {
                throw Nodes.problem(node, what + " has 'when' on '" + id + "': " + wrong + "its value must be true "
                        + "or false, not '" + scalar.value() + "'");
            }
            return Value.bool(value);
        }
        if (type instanceof NumberAnswer) {
            var number = nodes.numberOf(scalar);
            if (number == null) {
                throw Nodes.problem(node, what + " has 'when' on '" + id + "': " + wrong + "its value must be a "
                        + "number, not '" + scalar.value() + "'");
            }
            return Value.number(number);
        }
        if (nodes.strict() && scalar.type() != YamlNode.Scalar.Type.STRING) {
            throw Nodes.problem(node, what + " has 'when' on '" + id + "': " + wrong + "its value must be text");
        }
        var text = scalar.value().strip();
        if (type instanceof ChoiceAnswer choice && choice.choices().stream().noneMatch(o -> o.id().equals(text))) {
            throw Nodes.problem(node, what + " has 'when' on '" + id + "': it has no option '" + text + "' (options: "
                    + String.join(", ", choice.choices().stream().map(Choices.Option::id).toList()) + ")");
        }
        if (type instanceof DateAnswer && !isDate(text)) {
            throw Nodes.problem(node, what + " has 'when' on '" + id + "': " + wrong + "its value must be a date "
                    + "such as 2026-12-25, not '" + text + "'");
        }
        return Value.text(text);
    }

    /** A stored value: JSON says what it is. */
    private static Value byKind(YamlNode.Scalar scalar) {
        switch (scalar.type()) {
            case BOOLEAN: return Value.bool(Boolean.parseBoolean(scalar.value()));
            case NUMBER: return Value.number(new java.math.BigDecimal(scalar.value()));
            default: return Value.text(scalar.value());
        }
    }

    private static boolean isDate(String text) {
        try {
            return text.matches("\\d{4}-\\d{2}-\\d{2}") && LocalDate.parse(text) != null;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
