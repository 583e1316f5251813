package wabot.conversation;

import java.util.Objects;

/**
 * One question of a flow: what to ask, under which id the answer is filed, whether it may be skipped, what a
 * valid answer is, and when it is asked at all.
 *
 * @param when  the earlier answers this question depends on; {@link Condition#ALWAYS} when it has none
 * @param error what to say instead of the type's own message when an answer does not fit; null for that message
 */
public record Question(String id, String text, boolean required, AnswerType type, Condition when, String error) {
    public Question {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(when, "when");
    }

    /** A free-text question asked every time: what every question was before types and branching. */
    public Question(String id, String text, boolean required) {
        this(id, text, required, AnswerType.TEXT, Condition.ALWAYS, null);
    }
}
