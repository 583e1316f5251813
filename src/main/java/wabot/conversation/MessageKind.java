package wabot.conversation;

/** How the engine reads an inbound message: typed text, a tapped choice, or something it cannot take as an answer. */
public enum MessageKind {
    TEXT,
    CHOICE,
    UNSUPPORTED
}
