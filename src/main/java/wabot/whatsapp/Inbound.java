package wabot.whatsapp;

import java.time.Instant;
import wabot.conversation.Attachment;
import wabot.conversation.Event;
import wabot.conversation.MessageKind;

/**
 * One message a person sent, as wabot keeps it in its inbox.
 *
 * @param userKey whom the message is from: {@code wa_id}, or the BSUID when Meta withholds the phone
 * @param type    Meta's message type, kept for the transcript
 * @param text    what the engine reads as the answer: the typed text, the tapped choice's title, or a caption
 * @param attachment the media or location the message carried, or null
 * @param numberId   the business number it was written to ({@code metadata.phone_number_id}); null when the
 *                   delivery did not say, and in messages read back from the inbox, whose key names the number
 */
public record Inbound(String messageId, String userKey, String waId, String userId, String profileName,
                      String type, MessageKind kind, String text, String choiceId, Instant sentAt,
                      Attachment attachment, String numberId) {

    public Inbound(String messageId, String userKey, String waId, String userId, String profileName, String type,
                   MessageKind kind, String text, String choiceId, Instant sentAt, Attachment attachment) {
        this(messageId, userKey, waId, userId, profileName, type, kind, text, choiceId, sentAt, attachment, null);
    }

    public Inbound(String messageId, String userKey, String waId, String userId, String profileName, String type,
                   MessageKind kind, String text, String choiceId, Instant sentAt) {
        this(messageId, userKey, waId, userId, profileName, type, kind, text, choiceId, sentAt, null, null);
    }

    /** This message, written to {@code numberId}. */
    public Inbound to(String numberId) {
        return new Inbound(messageId, userKey, waId, userId, profileName, type, kind, text, choiceId, sentAt,
                attachment, numberId);
    }

    /** This message under the key of its person's conversations with the number it was written to. */
    public Inbound keyed(String key) {
        return new Inbound(messageId, key, waId, userId, profileName, type, kind, text, choiceId, sentAt, attachment,
                numberId);
    }

    public Event.UserMessage toEvent() {
        return new Event.UserMessage(messageId, kind, text, choiceId, sentAt, attachment);
    }
}
