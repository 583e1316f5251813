package wabot.answers;

import java.time.Instant;
import java.time.LocalDate;
import wabot.conversation.AnswerContext;
import wabot.conversation.AnswerType;
import wabot.conversation.Attachment;
import wabot.conversation.Event;
import wabot.conversation.Language;
import wabot.conversation.MessageKind;
import wabot.conversation.Reading;
import wabot.conversation.Value;

/** Messages as people send them, and what an answer type makes of them, for the table tests of each type. */
final class Said {
    /** A Monday. */
    static final LocalDate TODAY = LocalDate.of(2026, 9, 14);
    /** The person's own number: Argentina. */
    static final String SENDER = "+5491155550000";

    private Said() {}

    static AnswerContext context(Language language) {
        return new AnswerContext(language, language.texts(), TODAY, SENDER);
    }

    static Event.UserMessage text(String text) {
        return new Event.UserMessage("wamid.t", MessageKind.TEXT, text, null, Instant.EPOCH);
    }

    static Event.UserMessage tap(String optionId, String title) {
        return new Event.UserMessage("wamid.c", MessageKind.CHOICE, title, optionId, Instant.EPOCH);
    }

    static Event.UserMessage media(String type, String mime, String caption, String filename) {
        return new Event.UserMessage("wamid.m", MessageKind.MEDIA, caption, null, Instant.EPOCH,
                new Attachment.Media(type, "1234567890", mime, "c0ffee", caption, filename));
    }

    static Event.UserMessage location(double latitude, double longitude, String name, String address) {
        return new Event.UserMessage("wamid.l", MessageKind.LOCATION, null, null, Instant.EPOCH,
                new Attachment.Location(latitude, longitude, name, address));
    }

    static Event.UserMessage sticker() {
        return new Event.UserMessage("wamid.s", MessageKind.UNSUPPORTED, null, null, Instant.EPOCH);
    }

    /** The value read, or null when the message was refused. */
    static Value value(AnswerType type, Event.UserMessage message, Language language) {
        var reading = type.read(message, context(language));
        return reading instanceof Reading.Accepted accepted ? accepted.value() : null;
    }

    static Value value(AnswerType type, String text) {
        return value(type, text(text), Language.ES);
    }

    /** Why the message was refused; fails if it was not. */
    static String refusal(AnswerType type, Event.UserMessage message, Language language) {
        var reading = type.read(message, context(language));
        if (reading instanceof Reading.Refused refused) {
            return refused.reason();
        }
        throw new AssertionError("accepted " + message + " as " + reading);
    }
}
