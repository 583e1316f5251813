package wabot.whatsapp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wabot.conversation.Attachment;
import wabot.conversation.MessageKind;

/**
 * Reads a webhook body into {@link Inbound} messages and {@link StatusUpdate}s. It walks every entry, change,
 * message and status, ignores what it does not know, and refuses only bodies that are not JSON objects or
 * that exceed sane nesting and size limits.
 */
public final class WebhookParser {
    private static final Logger log = LoggerFactory.getLogger(WebhookParser.class);
    private static final int MAX_DEPTH = 32;
    /** The largest epoch second whose epoch millisecond still fits a long, as InboxStore binds it. */
    private static final long MAX_EPOCH_SECONDS = Long.MAX_VALUE / 1000;

    private final ObjectMapper json;

    public WebhookParser() {
        var factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(1 << 20)
                        .maxNumberLength(64)
                        .build())
                .build();
        json = new ObjectMapper(factory);
    }

    public Webhook parse(byte[] body) throws MalformedWebhook {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (StreamConstraintsException e) {
            throw new MalformedWebhook("body exceeds parser limits: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedWebhook("body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedWebhook("body is not a JSON object");
        }
        var messages = new ArrayList<Inbound>();
        var statuses = new ArrayList<StatusUpdate>();
        for (var entry : root.path("entry")) {
            for (var change : entry.path("changes")) {
                var field = text(change, "field");
                if (field != null && !"messages".equals(field)) {
                    continue; // account_update, history, smb_message_echoes...: other shapes, not for a bot
                }
                var value = change.path("value");
                var contacts = value.path("contacts");
                // The business number written to: wabot may serve several, and each has its own conversations.
                var number = identifier(value.path("metadata"), "phone_number_id");
                for (var message : value.path("messages")) {
                    var inbound = inbound(message, contacts);
                    if (inbound != null) {
                        messages.add(inbound.to(number));
                    }
                }
                for (var status : value.path("statuses")) {
                    var update = status(status);
                    if (update != null) {
                        statuses.add(update.from(number));
                    }
                }
                for (var error : value.path("errors")) {
                    log.warn("[WEBHOOK] Meta reported error {}: {}", error.path("code").asInt(),
                            text(error, "title"));
                }
            }
        }
        return new Webhook(messages, statuses);
    }

    private Inbound inbound(JsonNode message, JsonNode contacts) {
        var id = identifier(message, "id");
        var type = text(message, "type");
        if (id == null || "system".equals(type)) {
            // Without an id a message cannot be deduplicated; system notices are not the person speaking.
            if (id == null) {
                log.warn("[WEBHOOK] skipped a message without id");
            }
            return null;
        }
        var waId = identifier(message, "from");
        var userId = identifier(message, "from_user_id");
        var contact = contact(contacts, waId, userId);
        if (contact != null) {
            waId = waId != null ? waId : identifier(contact, "wa_id");
            userId = userId != null ? userId : identifier(contact, "user_id");
        }
        var userKey = waId != null ? waId : userId;
        if (userKey == null) {
            log.warn("[WEBHOOK] skipped message {}: no from, wa_id or user_id", id);
            return null;
        }
        var name = contact == null ? null : text(contact.path("profile"), "name");
        var sentAt = epochSeconds(text(message, "timestamp"));
        type = type == null ? "unknown" : type;
        switch (type) {
            case "text":
                return new Inbound(id, userKey, waId, userId, name, type, MessageKind.TEXT,
                        Cleaning.text(text(message.path("text"), "body")), null, sentAt);
            case "button":
                var button = message.path("button");
                return choice(id, userKey, waId, userId, name, type, text(button, "text"), text(button, "payload"), sentAt);
            case "interactive":
                var interactive = message.path("interactive");
                var reply = interactive.has("button_reply") ? interactive.path("button_reply") : interactive.path("list_reply");
                var title = text(reply, "title");
                if (title != null) {
                    return choice(id, userKey, waId, userId, name, type, title, text(reply, "id"), sentAt);
                }
                break;
            case "image":
            case "document":
            case "audio":
            case "video":
                var media = media(type, message.path(type));
                if (media != null) {
                    return new Inbound(id, userKey, waId, userId, name, type, MessageKind.MEDIA,
                            Cleaning.text(media.caption()), null, sentAt, media);
                }
                break;
            case "location":
                var location = location(message.path("location"));
                if (location != null) {
                    return new Inbound(id, userKey, waId, userId, name, type, MessageKind.LOCATION, null, null,
                            sentAt, location);
                }
                break;
            default:
                break;
        }
        return new Inbound(id, userKey, waId, userId, name, type, MessageKind.UNSUPPORTED, null, null, sentAt);
    }

    private static Inbound choice(String id, String userKey, String waId, String userId, String name, String type,
                                  String title, String choiceId, Instant sentAt) {
        return new Inbound(id, userKey, waId, userId, name, type, MessageKind.CHOICE, Cleaning.text(title),
                choiceId, sentAt);
    }

    /** A media object; without its id there is no file to fetch, so it is not one. */
    private static Attachment.Media media(String type, JsonNode node) {
        var mediaId = identifier(node, "id");
        if (mediaId == null) {
            return null;
        }
        return new Attachment.Media(type, mediaId, text(node, "mime_type"), text(node, "sha256"),
                text(node, "caption"), Cleaning.text(text(node, "filename")));
    }

    /** A shared location; Meta sends the coordinates as JSON numbers, and without both there is no place. */
    private static Attachment.Location location(JsonNode node) {
        var latitude = node.get("latitude");
        var longitude = node.get("longitude");
        if (latitude == null || longitude == null || !latitude.isNumber() || !longitude.isNumber()
                || Math.abs(latitude.asDouble()) > 90 || Math.abs(longitude.asDouble()) > 180) {
            return null;
        }
        return new Attachment.Location(latitude.asDouble(), longitude.asDouble(),
                Cleaning.text(text(node, "name")), Cleaning.text(text(node, "address")));
    }

    /** The contact that sent the message, matched by id, never by position; a lone contact is the sender. */
    private static JsonNode contact(JsonNode contacts, String waId, String userId) {
        for (var contact : contacts) {
            if ((waId != null && waId.equals(text(contact, "wa_id")))
                    || (userId != null && userId.equals(text(contact, "user_id")))) {
                return contact;
            }
        }
        return contacts.size() == 1 && waId == null && userId == null ? contacts.get(0) : null;
    }

    private static StatusUpdate status(JsonNode status) {
        var wamid = text(status, "id");
        var state = text(status, "status");
        if (wamid == null || state == null) {
            return null;
        }
        var error = status.path("errors").path(0);
        Integer code = error.path("code").isNumber() ? error.path("code").asInt() : null;
        var detail = text(error.path("error_data"), "details");
        return new StatusUpdate(wamid, state, epochSeconds(text(status, "timestamp")), code,
                detail != null ? detail : text(error, "title"));
    }

    private static String text(JsonNode node, String field) {
        var value = node.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    /** An id or a sender field; a blank one names nobody, so it counts as absent. */
    private static String identifier(JsonNode node, String field) {
        var value = text(node, field);
        return value == null || value.isBlank() ? null : value;
    }

    /** A time in epoch seconds, or null if it is none or lies beyond the epoch milliseconds the stores keep. */
    private static Instant epochSeconds(String value) {
        try {
            if (value == null) {
                return null;
            }
            long seconds = Long.parseLong(value);
            return seconds > MAX_EPOCH_SECONDS || seconds < -MAX_EPOCH_SECONDS ? null : Instant.ofEpochSecond(seconds);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return null;
        }
    }
}
