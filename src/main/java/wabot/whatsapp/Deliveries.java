package wabot.whatsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import wabot.conversation.Attachment;

/**
 * Webhook bodies shaped like Meta's (PROTOCOL (b)): messages from a person to one business number, and statuses of
 * messages it sent. The terminal chat, the web simulator and {@code wabot send} all speak to wabot through these,
 * so that what they post takes the path a real delivery takes.
 *
 * @param phoneNumberId   the business number the deliveries are addressed to ({@code metadata.phone_number_id})
 * @param displayNumber   its digits, as Meta shows them in {@code metadata.display_phone_number}
 */
public record Deliveries(String phoneNumberId, String displayNumber) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Who writes: a phone ({@code waId}, digits) or, when the phone is withheld, only a business-scoped user id.
     */
    public record Person(String waId, String userId, String name) {
        public String key() {
            return waId != null ? waId : userId;
        }
    }

    public static String newWamid() {
        return "wamid." + UUID.randomUUID().toString().replace("-", "").toUpperCase(java.util.Locale.ROOT);
    }

    public ObjectNode text(Person from, String wamid, Instant at, String body) {
        var message = message(from, wamid, at, "text");
        message.putObject("text").put("body", body);
        return message;
    }

    /** A tap on a reply button ({@code list = false}) or a list row of a message wabot sent. */
    public ObjectNode tap(Person from, String wamid, Instant at, boolean list, String id, String title,
                          String contextWamid) {
        var message = message(from, wamid, at, "interactive");
        if (contextWamid != null) {
            message.putObject("context").put("from", displayNumber).put("id", contextWamid);
        }
        var interactive = message.putObject("interactive");
        interactive.put("type", list ? "list_reply" : "button_reply");
        interactive.putObject(list ? "list_reply" : "button_reply").put("id", id).put("title", title);
        return message;
    }

    public ObjectNode media(Person from, String wamid, Instant at, Attachment.Media media) {
        var message = message(from, wamid, at, media.type());
        var object = message.putObject(media.type()).put("id", media.mediaId()).put("mime_type", media.mimeType())
                .put("sha256", media.sha256());
        if (media.caption() != null) {
            object.put("caption", media.caption());
        }
        if (media.filename() != null) {
            object.put("filename", media.filename());
        }
        if ("audio".equals(media.type())) {
            object.put("voice", false);
        }
        return message;
    }

    public ObjectNode location(Person from, String wamid, Instant at, Attachment.Location location) {
        var message = message(from, wamid, at, "location");
        var object = message.putObject("location").put("latitude", location.latitude())
                .put("longitude", location.longitude());
        if (location.name() != null) {
            object.put("name", location.name());
        }
        if (location.address() != null) {
            object.put("address", location.address());
        }
        return message;
    }

    /** One POST carrying {@code messages} from {@code people} in a single change, as Meta batches them. */
    public byte[] envelope(List<Person> people, List<ObjectNode> messages) {
        var value = value();
        var contacts = value.putArray("contacts");
        for (var person : people) {
            var contact = contacts.addObject();
            contact.putObject("profile").put("name", person.name());
            if (person.waId() != null) {
                contact.put("wa_id", person.waId());
            }
            if (person.userId() != null) {
                contact.put("user_id", person.userId());
            }
        }
        value.putArray("messages").addAll(messages);
        return MetaJson.bytes(root(value));
    }

    /** A status webhook: {@code sent}, {@code delivered}, {@code read} or {@code failed} for a message wabot sent. */
    public byte[] status(String wamid, String status, Person to, Instant at, Integer errorCode) {
        var value = value();
        var entry = value.putArray("statuses").addObject().put("id", wamid).put("status", status)
                .put("timestamp", Long.toString(at.getEpochSecond()));
        if (to.waId() != null) {
            entry.put("recipient_id", to.waId());
        }
        if (to.userId() != null) {
            entry.put("recipient_user_id", to.userId());
        }
        if (errorCode != null) {
            entry.putArray("errors").addObject().put("code", errorCode).put("title", "Error " + errorCode)
                    .putObject("error_data").put("details", "posted by wabot send");
        }
        return MetaJson.bytes(root(value));
    }

    private ObjectNode message(Person from, String wamid, Instant at, String type) {
        var message = JSON.createObjectNode();
        if (from.waId() != null) {
            message.put("from", from.waId());
        }
        if (from.userId() != null) {
            message.put("from_user_id", from.userId());
        }
        return message.put("id", wamid).put("timestamp", Long.toString(at.getEpochSecond())).put("type", type);
    }

    private ObjectNode value() {
        var value = JSON.createObjectNode().put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", displayNumber).put("phone_number_id", phoneNumberId);
        return value;
    }

    private static ObjectNode root(ObjectNode value) {
        var root = JSON.createObjectNode().put("object", "whatsapp_business_account");
        var change = root.putArray("entry").addObject().put("id", "100000000000001").putArray("changes").addObject();
        change.put("field", "messages").set("value", value);
        return root;
    }
}
