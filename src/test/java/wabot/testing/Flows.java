package wabot.testing;

import wabot.conversation.Flow;
import wabot.conversation.Question;

/** Flows for tests, and what the bot says when it asks a question of one. */
public final class Flows {
    /** Three questions; the last may be skipped. Faster to walk through than the bundled flow. */
    public static final String SHORT_YAML = """
            questions:
              - id: name
                text: "What is your name?"
              - id: email
                text: "What is your email?"
              - id: comment
                text: "Anything else?"
                required: false
            """;

    private Flows() {}

    /** The exact text the bot sends to ask {@code questionId} of {@code flow}. */
    public static String prompt(Flow flow, String questionId) {
        return flow.questions().stream().filter(q -> q.id().equals(questionId)).findFirst()
                .map(q -> prompt(flow, q))
                .orElseThrow(() -> new IllegalArgumentException("no question '" + questionId + "' in the flow"));
    }

    /** The exact text the bot sends to ask {@code question}: its text, plus the skip hint when it is optional. */
    public static String prompt(Flow flow, Question question) {
        return question.required() ? question.text() : question.text() + "\n" + flow.texts().skipHint();
    }
}
