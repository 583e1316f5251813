package wabot.conversation;

/**
 * How the engine reads an inbound message: typed text, a tapped choice, a media file, a shared location, or
 * something it cannot take as an answer (stickers, reactions, contacts...).
 */
public enum MessageKind {
    TEXT,
    CHOICE,
    MEDIA,
    LOCATION,
    UNSUPPORTED
}
