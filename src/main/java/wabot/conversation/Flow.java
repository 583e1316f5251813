package wabot.conversation;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * The questionnaire every conversation starts with, the texts and command words the bot uses around it, its
 * language, and the time zone where "today" is reckoned for date answers.
 */
public record Flow(List<Question> questions, Texts texts, Language language, Commands commands, ZoneId timezone) {
    public Flow {
        questions = List.copyOf(questions);
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("a flow needs at least one question");
        }
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(timezone, "timezone");
    }

    /** Where a flow that names no time zone reckons its days. */
    public static final ZoneId UTC = ZoneId.of("UTC");

    /** A Spanish flow reckoning days in UTC, with these texts. */
    public Flow(List<Question> questions, Texts texts) {
        this(questions, texts, Language.ES, Language.ES.commands(), UTC);
    }
}
