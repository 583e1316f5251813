package wabot.conversation;

import java.util.List;
import java.util.Map;

/**
 * What a valid answer to a question is, and how to read one out of a message: one small type per kind (text,
 * number, email, choice...), so the engine asks and records without knowing any kind. Implementations are pure
 * values: equal when their settings are equal.
 */
public interface AnswerType {
    /** Free text, any length within the service's limit: a question without a type. */
    AnswerType TEXT = new FreeText();

    /** The name a flow file gives this type: {@code text}, {@code number}, {@code choice}... */
    String name();

    /**
     * Reads a message as an answer. A tap arrives with its option id stripped of the question it belongs to;
     * a command or a skip never reaches here.
     */
    Reading read(Event.UserMessage message, AnswerContext context);

    /** How to answer, for the person who asks for help: one or two short sentences in the flow's language. */
    String hint(AnswerContext context);

    /** The options a person can tap, in order, with ids as the flow names them; empty for a typed answer. */
    default List<Choices.Option> options(Texts texts) {
        return List.of();
    }

    /**
     * This type's own keys of the flow schema, with their values as plain JSON-like Java (String, Boolean,
     * BigDecimal, List, Map): what a summary shows and what is stored to read the question back.
     */
    default Map<String, Object> settings() {
        return Map.of();
    }
}
