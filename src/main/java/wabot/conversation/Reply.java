package wabot.conversation;

/** A text message the bot sends to the person of the session. */
public record Reply(String text) {}
