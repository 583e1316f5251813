package wabot.conversation;

import java.time.Instant;

/**
 * What a person answered to one question, and when they sent it.
 *
 * @param value    the answer as the business API receives it: a string for text, or a typed value
 * @param choiceId the id of the tapped button or list row, as it came back, or null when the answer was typed
 */
public record Answer(String questionId, Value value, String choiceId, Instant answeredAt) {

    /** A typed text answer. */
    public Answer(String questionId, String text, String choiceId, Instant answeredAt) {
        this(questionId, Value.text(text), choiceId, answeredAt);
    }
}
