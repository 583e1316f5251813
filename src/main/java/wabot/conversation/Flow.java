package wabot.conversation;

import java.util.List;

/** The questionnaire every conversation starts with, and the texts the bot says around it. */
public record Flow(List<Question> questions, Texts texts) {
    public Flow {
        questions = List.copyOf(questions);
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("a flow needs at least one question");
        }
    }
}
