package wabot.conversation;

import java.util.Locale;

/** What a person can say instead of an answer, whatever the question. */
public enum Command {
    /** Start over at the first question. */
    RESTART,
    /** End the conversation. */
    CANCEL,
    /** Go back to the previous question asked, dropping its answer. */
    BACK,
    /** Repeat the question with a hint on how to answer it. */
    HELP,
    /** Leave an optional question unanswered. */
    SKIP;

    /** The key in a flow's {@code commands:} block. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
