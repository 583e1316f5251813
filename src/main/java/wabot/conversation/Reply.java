package wabot.conversation;

/**
 * A message the bot sends to the person of the session: a text, and optionally choices the person can tap.
 *
 * @param choices null for a plain text; otherwise buttons or a list, rendered within WhatsApp's limits
 */
public record Reply(String text, Choices choices) {
    public Reply(String text) {
        this(text, null);
    }
}
