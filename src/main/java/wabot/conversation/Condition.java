package wabot.conversation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * When a question is asked, as plain data: every test must hold on the answers given so far. A flow writes it as
 * {@code when: {urgent: true}}, {@code when: {topic: [billing, refunds]}} or {@code when: {age: {gte: 18}}}.
 */
public record Condition(List<Test> tests) {
    /** No condition: the question is always asked. */
    public static final Condition ALWAYS = new Condition(List.of());

    public Condition {
        tests = List.copyOf(tests);
    }

    /** How a test compares the answer with its values. */
    public enum Operator {
        /** The answer is the one value. */
        EQUALS,
        /** The answer is one of the values. */
        IN,
        /** The answer is none of the values; an unanswered question is none of them. */
        NOT,
        GT, GTE, LT, LTE;

        /** True for the operators that order answers: numbers, and dates (ISO strings order as dates do). */
        public boolean orders() {
            return this == GT || this == GTE || this == LT || this == LTE;
        }
    }

    /** One comparison of an earlier question's answer. */
    public record Test(String questionId, Operator operator, List<Value> values) {
        public Test {
            Objects.requireNonNull(questionId, "questionId");
            Objects.requireNonNull(operator, "operator");
            values = List.copyOf(values);
        }

        boolean holds(Value answer) {
            switch (operator) {
                case EQUALS:
                case IN:
                    return answer != null && values.contains(answer);
                case NOT:
                    return answer == null || !values.contains(answer);
                default:
                    return answer != null && ordered(answer, values.get(0));
            }
        }

        private boolean ordered(Value answer, Value bound) {
            int order;
            if (answer instanceof Value.Number a && bound instanceof Value.Number b) {
                order = a.number().compareTo(b.number());
            } else if (answer instanceof Value.Text a && bound instanceof Value.Text b) {
                order = a.text().compareTo(b.text());
            } else {
                return false;
            }
            switch (operator) {
                case GT: return order > 0;
                case GTE: return order >= 0;
                case LT: return order < 0;
                default: return order <= 0;
            }
        }
    }

    /** Whether the question is asked, given the answers so far by question id. */
    public boolean holds(Map<String, Value> answers) {
        for (var test : tests) {
            if (!test.holds(answers.get(test.questionId()))) {
                return false;
            }
        }
        return true;
    }

    /** A number for a test's values, as a flow writes one. */
    public static Value number(String text) {
        return Value.number(new BigDecimal(text));
    }
}
