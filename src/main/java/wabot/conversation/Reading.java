package wabot.conversation;

/** What an {@link AnswerType} made of a message: the value to record, or why it cannot be one. */
public sealed interface Reading {

    static Reading accepted(Value value) {
        return new Accepted(value);
    }

    static Reading refused(String reason) {
        return new Refused(reason);
    }

    record Accepted(Value value) implements Reading {}

    /** @param reason a short message for the person, in the flow's language, saying what a good answer looks like */
    record Refused(String reason) implements Reading {}
}
