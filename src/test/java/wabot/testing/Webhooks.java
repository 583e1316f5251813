package wabot.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Webhook POST bodies built from the payload corpus ({@code src/test/resources/whatsapp/payloads}): a template file is
 * loaded and only the fields that matter to a test (sender, message id, text, timestamp) are replaced, so every
 * other detail keeps the shape Meta sends. Bodies are written close to Meta's wire form: compact, with non-ASCII
 * characters escaped as backslash-u sequences. They are not byte-identical to what Meta would sign (Jackson writes
 * upper-case hex and leaves {@code /} unescaped); tests about signatures over Meta's exact bytes use the
 * signature vector instead.
 *
 * <p>Two layers: {@code *Message} methods return one {@code messages[]} element, which {@link #single},
 * {@link #oneValue} and {@link #separateChanges} wrap into a body; the short forms ({@link #text} and friends)
 * do both. A message's {@code timestamp} is the current second unless the caller sets another.
 */
public final class Webhooks {
    private static final ObjectMapper READ = new ObjectMapper();
    private static final ObjectMapper WRITE = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    /** The people of the corpus (see payloads/SOURCES.md). */
    public static final String USER_A = "15555550101";
    public static final String USER_B = "447700900123";
    private static final Map<String, String> NAMES = Map.of(USER_A, "Ana Souza", USER_B, "Ben Carter");

    private Webhooks() {}

    // ---- raw files -------------------------------------------------------------------------------------------

    /** The exact bytes of a payload file. */
    public static byte[] fromFile(String name) {
        return Fixtures.bytes(Fixtures.payload(name));
    }

    /** A payload file as a mutable tree. */
    public static ObjectNode parse(String name) {
        try {
            return (ObjectNode) READ.readTree(fromFile(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A message id nobody used before, shaped like Meta's. */
    public static String newWamid() {
        return "wamid.TEST-" + UUID.randomUUID();
    }

    // ---- whole bodies ----------------------------------------------------------------------------------------

    /** {@code text.json} from {@code from} with message id {@code wamid} saying {@code body}. */
    public static byte[] text(String from, String wamid, String body) {
        return single(textMessage(from, wamid, body));
    }

    /** {@code interactive_button_reply.json}: a tap on reply button {@code id} titled {@code title}. */
    public static byte[] buttonReply(String from, String wamid, String id, String title) {
        return single(buttonReplyMessage(from, wamid, id, title));
    }

    /** {@code interactive_list_reply.json}: a tap on list row {@code id} titled {@code title}. */
    public static byte[] listReply(String from, String wamid, String id, String title) {
        return single(listReplyMessage(from, wamid, id, title));
    }

    /** {@code button_template_quick_reply.json}: a tap on a template quick-reply button. */
    public static byte[] templateButton(String from, String wamid, String payload, String text) {
        return single(templateButtonMessage(from, wamid, payload, text));
    }

    /**
     * Any single-message payload file, whole (value-level {@code errors}, {@code context}, media objects...), with
     * its sender replaced by {@code from}, its message id by {@code wamid} and its timestamp by now. BSUID fields
     * belong to the file's own user, so they are dropped when the sender changes.
     */
    public static byte[] retarget(String file, String from, String wamid) {
        var root = parse(file);
        for (var value : values(root)) {
            String original = null;
            for (var message : value.path("messages")) {
                original = message.path("from").asText(null);
                retargetMessage((ObjectNode) message, from, wamid);
            }
            for (var contact : value.path("contacts")) {
                var c = (ObjectNode) contact;
                if (original == null || original.equals(c.path("wa_id").asText(null))) {
                    if (!from.equals(c.path("wa_id").asText(null))) {
                        c.remove("user_id");
                    }
                    c.put("wa_id", from);
                }
            }
        }
        return bytes(root);
    }

    /**
     * A status payload file ({@code status_sent.json}, {@code status_failed_131047.json}...) about the message
     * {@code wamid} to {@code recipient}: every {@code statuses[]} element is retargeted, and stamped now. The
     * file's BSUID fields belong to its own user, so they are dropped when the recipient changes.
     */
    public static byte[] status(String file, String wamid, String recipient) {
        var root = parse(file);
        for (var value : values(root)) {
            for (var status : value.path("statuses")) {
                var s = (ObjectNode) status;
                if (!recipient.equals(s.path("recipient_id").asText(null))) {
                    s.remove("recipient_user_id");
                }
                s.put("id", wamid).put("recipient_id", recipient)
                        .put("timestamp", Long.toString(Instant.now().getEpochSecond()));
            }
            for (var contact : value.path("contacts")) {
                var c = (ObjectNode) contact;
                if (!recipient.equals(c.path("wa_id").asText(null))) {
                    c.remove("user_id");
                }
                c.put("wa_id", recipient);
            }
        }
        return bytes(root);
    }

    /**
     * {@code body} addressed to another business number: every change's {@code metadata.phone_number_id} becomes
     * {@code phoneNumberId} (the corpus writes to {@code 200000000000002}).
     */
    public static byte[] to(String phoneNumberId, byte[] body) {
        try {
            var root = (ObjectNode) READ.readTree(body);
            for (var value : values(root)) {
                ((ObjectNode) value.path("metadata")).put("phone_number_id", phoneNumberId);
            }
            return bytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text from {@code from} to the business number {@code phoneNumberId}. */
    public static byte[] textTo(String phoneNumberId, String from, String wamid, String body) {
        return to(phoneNumberId, text(from, wamid, body));
    }

    /** A text from {@code from}, whose WhatsApp profile carries {@code name}. */
    public static byte[] textAs(String from, String name, String wamid, String body) {
        var root = parse("text.json");
        var value = (ObjectNode) root.path("entry").path(0).path("changes").path(0).path("value");
        var contact = contact(from);
        ((ObjectNode) contact.path("profile")).put("name", name);
        value.putArray("contacts").add(contact);
        value.putArray("messages").add(textMessage(from, wamid, body));
        return bytes(root);
    }

    /** One message in the envelope of {@code text.json}, with a contact for its sender. */
    public static byte[] single(ObjectNode message) {
        return oneValue(message);
    }

    /**
     * Several messages packed into one {@code value}, shaped like {@code batch_two_users_one_value.json}: one
     * contact per sender, listed in the reverse order of the messages, so contacts must be matched by id.
     */
    public static byte[] oneValue(ObjectNode... messages) {
        var root = parse("batch_two_users_one_value.json");
        var value = (ObjectNode) root.path("entry").path(0).path("changes").path(0).path("value");
        var senders = new ArrayList<>(senders(messages));
        Collections.reverse(senders);
        var contacts = value.putArray("contacts");
        senders.forEach(sender -> contacts.add(contact(sender)));
        value.putArray("messages").addAll(List.of(messages));
        return bytes(root);
    }

    /**
     * One {@code change} per message in a single entry, shaped like {@code batch_two_users_two_changes.json}.
     */
    public static byte[] separateChanges(ObjectNode... messages) {
        var root = parse("batch_two_users_two_changes.json");
        var changes = (ArrayNode) root.path("entry").path(0).path("changes");
        var template = (ObjectNode) changes.get(0).deepCopy();
        changes.removeAll();
        for (var message : messages) {
            var change = template.deepCopy();
            var value = (ObjectNode) change.path("value");
            value.putArray("contacts").add(contact(message.path("from").asText()));
            value.putArray("messages").add(message);
            changes.add(change);
        }
        return bytes(root);
    }

    // ---- single messages -------------------------------------------------------------------------------------

    /** The first message of any payload file, sent by {@code from} as {@code wamid}, stamped now. */
    public static ObjectNode message(String file, String from, String wamid) {
        var message = (ObjectNode) values(parse(file)).get(0).path("messages").path(0);
        if (message.isMissingNode()) {
            throw new IllegalArgumentException(file + " holds no message");
        }
        return retargetMessage(message, from, wamid);
    }

    public static ObjectNode textMessage(String from, String wamid, String body) {
        var message = message("text.json", from, wamid);
        ((ObjectNode) message.path("text")).put("body", body);
        return message;
    }

    public static ObjectNode buttonReplyMessage(String from, String wamid, String id, String title) {
        var message = message("interactive_button_reply.json", from, wamid);
        ((ObjectNode) message.path("interactive").path("button_reply")).put("id", id).put("title", title);
        return message;
    }

    public static ObjectNode listReplyMessage(String from, String wamid, String id, String title) {
        var message = message("interactive_list_reply.json", from, wamid);
        ((ObjectNode) message.path("interactive").path("list_reply")).put("id", id).put("title", title);
        return message;
    }

    public static ObjectNode templateButtonMessage(String from, String wamid, String payload, String text) {
        var message = message("button_template_quick_reply.json", from, wamid);
        ((ObjectNode) message.path("button")).put("payload", payload).put("text", text);
        return message;
    }

    /** Sets a message's {@code timestamp} (Unix seconds as a string, as Meta sends it). */
    public static ObjectNode at(ObjectNode message, Instant sentAt) {
        return message.put("timestamp", Long.toString(sentAt.getEpochSecond()));
    }

    /** The {@code timestamp} of a message as an instant. */
    public static Instant sentAt(JsonNode message) {
        return Instant.ofEpochSecond(Long.parseLong(message.path("timestamp").asText()));
    }

    // ---- serialization ---------------------------------------------------------------------------------------

    /** A tree as a webhook body: compact JSON, non-ASCII escaped. */
    public static byte[] bytes(JsonNode body) {
        try {
            return WRITE.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode retargetMessage(ObjectNode message, String from, String wamid) {
        var original = message.path("from").asText(null);
        if (!from.equals(original)) {
            message.remove("from_user_id");
        }
        message.put("from", from);
        message.put("id", wamid);
        return at(message, Instant.now());
    }

    private static ObjectNode contact(String waId) {
        var contact = READ.createObjectNode();
        contact.putObject("profile").put("name", NAMES.getOrDefault(waId, "Test User " + waId));
        contact.put("wa_id", waId);
        return contact;
    }

    private static LinkedHashSet<String> senders(ObjectNode... messages) {
        var senders = new LinkedHashSet<String>();
        for (var message : messages) {
            senders.add(message.path("from").asText());
        }
        return senders;
    }

    private static List<ObjectNode> values(ObjectNode root) {
        var values = new ArrayList<ObjectNode>();
        for (var entry : root.path("entry")) {
            for (var change : entry.path("changes")) {
                if (change.path("value").isObject()) {
                    values.add((ObjectNode) change.path("value"));
                }
            }
        }
        return values;
    }
}
