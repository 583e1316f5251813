package wabot.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import wabot.conversation.AnswerType;
import wabot.conversation.Condition;
import wabot.conversation.Question;

/**
 * Questions as JSON in the flow schema, both ways: the business API's {@code additional_questions}, and the extra
 * questions a session stores. What is written reads back as the same questions, and a question without type,
 * condition or error is written exactly as before questions had them: {@code {"id", "text", "required"}}.
 */
public final class QuestionSpecs {
    private static final ObjectMapper JSON = ExactJson.MAPPER;

    private QuestionSpecs() {}

    /**
     * The business API's additional questions, checked like a flow file's; {@code before} are the questions they
     * follow, which their conditions may name.
     *
     * @throws IllegalArgumentException naming every problem, when any question is not valid
     */
    public static List<Question> fromApi(JsonNode list, List<Question> before) {
        if (!list.isArray()) {
            throw new IllegalArgumentException("'additional_questions' must be a list");
        }
        var problems = new Problems();
        var questions = new QuestionReader(QuestionReader.Source.API, problems)
                .read((YamlNode.Sequence) YamlNode.of(list), before);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("'additional_questions': " + problems.plain());
        }
        return questions;
    }

    /** Questions as stored with a session. */
    public static String write(List<Question> questions) {
        var list = JSON.createArrayNode();
        questions.forEach(q -> list.add(node(q)));
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("questions that cannot be written: " + e.getOriginalMessage(), e);
        }
    }

    /** Questions stored by {@link #write}, or by wabot before questions had types. */
    public static List<Question> read(String json) {
        JsonNode list;
        try {
            list = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored questions: " + e.getOriginalMessage(), e);
        }
        var problems = new Problems();
        var questions = new QuestionReader(QuestionReader.Source.STORED, problems)
                .read((YamlNode.Sequence) YamlNode.of(list), List.of());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("stored questions wabot cannot read: " + problems.plain());
        }
        return questions;
    }

    /** One question in the flow schema. */
    public static ObjectNode node(Question question) {
        var node = JSON.createObjectNode().put("id", question.id()).put("text", question.text())
                .put("required", question.required());
        if (!question.type().equals(AnswerType.TEXT)) {
            node.put("type", question.type().name());
            question.type().settings().forEach((key, value) -> node.set(key, JSON.valueToTree(value)));
        }
        if (!question.when().tests().isEmpty()) {
            node.set("when", when(question.when()));
        }
        if (question.error() != null) {
            node.put("error", question.error());
        }
        return node;
    }

    private static ObjectNode when(Condition condition) {
        var byQuestion = new LinkedHashMap<String, List<Condition.Test>>();
        condition.tests().forEach(t -> byQuestion.computeIfAbsent(t.questionId(), id -> new java.util.ArrayList<>())
                .add(t));
        var when = JSON.createObjectNode();
        byQuestion.forEach((id, tests) -> {
            var first = tests.get(0);
            if (tests.size() == 1 && first.operator() == Condition.Operator.EQUALS) {
                when.set(id, JSON.valueToTree(first.values().get(0).plain()));
            } else if (tests.size() == 1 && first.operator() == Condition.Operator.IN) {
                when.set(id, values(first));
            } else {
                var operators = when.putObject(id);
                for (var test : tests) {
                    var key = test.operator().name().toLowerCase(Locale.ROOT);
                    operators.set(key, test.values().size() == 1 ? JSON.valueToTree(test.values().get(0).plain())
                            : values(test));
                }
            }
        });
        return when;
    }

    private static ArrayNode values(Condition.Test test) {
        var array = JSON.createArrayNode();
        test.values().forEach(v -> array.add(JSON.valueToTree(v.plain())));
        return array;
    }
}
