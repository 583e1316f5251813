package wabot.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Structure-aware mutation of webhook payloads: takes one of the real payloads and, driven by the fuzzer's
 * bytes, replaces, removes, duplicates, renames, re-types and deeply nests parts of it, so that the fuzzer
 * spends its time on bodies that get past the JSON syntax into the code that reads entries, changes, messages,
 * contacts and statuses. A few mutations then damage the serialized bytes as well.
 */
public final class JsonMutator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectWriter PLAIN = JSON.writer();
    private static final ObjectWriter ESCAPED = JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

    /** Field names the parser and the stores look at, and a few around them. */
    static final List<String> KEYS = List.of("object", "entry", "id", "changes", "value", "field", "messaging_product",
            "metadata", "contacts", "profile", "name", "wa_id", "user_id", "from", "from_user_id", "messages",
            "timestamp", "type", "text", "body", "button", "payload", "interactive", "button_reply", "list_reply",
            "title", "description", "nfm_reply", "context", "statuses", "status", "recipient_id", "errors", "code",
            "error_data", "details", "message", "conversation", "pricing", "reaction", "emoji", "system",
            "referral", "image", "location", "order", "username");

    /** The fields WebhookParser reads: a mutation aimed at them reaches the code that matters fastest. */
    static final List<String> READ_KEYS = List.of("entry", "changes", "value", "contacts", "messages", "statuses",
            "errors", "id", "type", "from", "from_user_id", "wa_id", "user_id", "profile", "name", "timestamp",
            "text", "body", "button", "payload", "interactive", "button_reply", "list_reply", "title", "status",
            "code", "error_data", "details");

    /** Values with a meaning somewhere in the parser or the engine. */
    static final List<String> WORDS = List.of("text", "button", "interactive", "system", "unknown", "unsupported",
            "image", "reaction", "sent", "delivered", "read", "played", "failed", "button_reply", "list_reply",
            "messages", "whatsapp", "15555550101", "447700900123", "US.13000000000000000001",
            "wamid.HBgLTVRVMU5UVTFOVEF4TURFSU4tVEVYVC0wMDAx", "reiniciar", "restart", "cancelar", "cancel",
            "omitir", "skip", "", " ", "null", "0", "-1", "1789390001");

    /** Strings that have broken text handling elsewhere: controls, separators, bidi marks, lone surrogates. */
    static final List<String> NASTY = List.of("\u0000", "\r\n", "\r", "\u0085", "\u2028", "\u202e", "\ufeff",
            "\u001b[31m", "\t\n\u000b\u000c", "\ud800", "\udfff", "\ud83c\udf35", "%s%n", "${jndi:x}", "'; --",
            "\\", "\"", "0x7fffffff", "1e309", "NaN", "-0", "99999999999999999999");

    /**
     * Boundary numbers, as libFuzzer's "interesting values" but for the types behind webhook fields: int and
     * long limits, the largest exact double, epoch seconds at the edges of what Instant and epoch milliseconds
     * hold, and a few ordinary values.
     */
    static final List<String> NUMBERS = List.of("0", "-0", "1", "-1", "2147483647", "-2147483648", "2147483648",
            "4294967296", "9007199254740993", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
            "9223372036854775", "9223372036854776", "-9223372036854776", "31556889864403199", "31556889864403200",
            "-31557014167219200", "-31557014167219201", "253402300799", "10000000000000000", "1e3", "1.5",
            "1789390001", "131047", "130429");

    private final int maxBodyBytes;

    /** @param maxBodyBytes the largest body this makes: a longer one is cut there, which leaves it malformed */
    public JsonMutator(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** One mutated payload, as the bytes of a POST body. */
    public byte[] mutate(List<JsonNode> bases, FuzzedDataProvider data) {
        JsonNode root = pick(bases, data).deepCopy();
        int rounds = data.consumeInt(1, 8);
        for (int i = 0; i < rounds && data.remainingBytes() > 0; i++) {
            root = mutateOnce(root, bases, data);
        }
        byte[] body = damage(serialize(root, data.consumeBoolean()), data);
        return body.length > maxBodyBytes ? Arrays.copyOf(body, maxBodyBytes) : body;
    }

    private JsonNode mutateOnce(JsonNode root, List<JsonNode> bases, FuzzedDataProvider data) {
        var slots = new ArrayList<Slot>();
        collect(null, null, -1, root, slots);
        var slot = slots.get(data.consumeInt(0, slots.size() - 1));
        switch (data.consumeInt(0, 13)) {
            case 12: case 13:
                retarget(root, pick(READ_KEYS, data), bases, data);
                return root;
            case 0: case 1:
                return slot.replace(root, scalar(data));
            case 2:
                var nasty = pick(NASTY, data) + data.consumeString(16) + pick(NASTY, data);
                return slot.replace(root, NODES.textNode(nasty));
            case 3:
                // The same value in the other container type, or an empty one: shape confusion.
                if (slot.node.isObject()) {
                    var array = NODES.arrayNode();
                    slot.node.forEach(array::add);
                    return slot.replace(root, array);
                }
                if (slot.node.isArray()) {
                    var object = NODES.objectNode();
                    for (int i = 0; i < slot.node.size(); i++) {
                        object.set(Integer.toString(i), slot.node.get(i));
                    }
                    return slot.replace(root, object);
                }
                return slot.replace(root, data.consumeBoolean() ? NODES.objectNode() : NODES.arrayNode());
            case 4:
                slot.remove();
                return root;
            case 5:
                // Batches: Meta sends up to 1000 updates in one body.
                if (slot.node.isArray() && !slot.node.isEmpty()) {
                    var array = (ArrayNode) slot.node;
                    int copies = data.consumeInt(1, 40);
                    var item = array.get(data.consumeInt(0, array.size() - 1));
                    for (int i = 0; i < copies; i++) {
                        array.add(item.deepCopy());
                    }
                }
                return root;
            case 6:
                if (slot.node.isObject()) {
                    ((ObjectNode) slot.node).set(key(data), value(bases, data));
                } else if (slot.node.isArray()) {
                    ((ArrayNode) slot.node).insert(data.consumeInt(0, slot.node.size()), value(bases, data));
                }
                return root;
            case 7:
                slot.rename(key(data));
                return root;
            case 8:
                // Nesting around the parser's depth limit of 32, from below and from above.
                JsonNode nested = slot.node;
                int depth = data.consumeInt(1, 40);
                for (int i = 0; i < depth; i++) {
                    nested = data.consumeBoolean() ? NODES.arrayNode().add(nested)
                            : NODES.objectNode().set(key(data), nested);
                }
                return slot.replace(root, nested);
            case 9:
                return slot.replace(root, subtree(pick(bases, data), data).deepCopy());
            case 10:
                int length = data.consumeInt(0, maxBodyBytes / 4);
                return slot.replace(root, NODES.textNode(pick(WORDS, data) + "x".repeat(length)));
            default:
                return slot.replace(root, NODES.textNode(pick(WORDS, data)));
        }
    }

    /** Gives every field named {@code key} one new value (or removes them all): aimed at what the parser reads. */
    private void retarget(JsonNode root, String key, List<JsonNode> bases, FuzzedDataProvider data) {
        var slots = new ArrayList<Slot>();
        collect(null, null, -1, root, slots);
        JsonNode replacement = switch (data.consumeInt(0, 6)) {
            case 0 -> NODES.textNode(pick(NUMBERS, data));
            case 1 -> numberNode(pick(NUMBERS, data));
            case 2 -> NODES.textNode(pick(WORDS, data));
            case 3 -> NODES.textNode(pick(NASTY, data));
            case 4 -> null;
            default -> value(bases, data);
        };
        for (var slot : slots) {
            if (key.equals(slot.field)) {
                if (replacement == null) {
                    slot.remove();
                } else {
                    slot.replace(root, replacement.deepCopy());
                }
            }
        }
    }

    private JsonNode value(List<JsonNode> bases, FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> scalar(data);
            case 1 -> subtree(pick(bases, data), data).deepCopy();
            case 2 -> NODES.textNode(pick(WORDS, data));
            default -> data.consumeBoolean() ? NODES.objectNode() : NODES.arrayNode();
        };
    }

    private static JsonNode scalar(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 11)) {
            case 10 -> NODES.textNode(pick(NUMBERS, data));
            case 11 -> numberNode(pick(NUMBERS, data));
            case 0 -> NODES.textNode(data.consumeString(64));
            case 1 -> NODES.textNode(Long.toString(data.consumeLong()));
            case 2 -> NODES.textNode(digits(data));
            case 3 -> NODES.numberNode(data.consumeLong());
            case 4 -> NODES.numberNode(data.consumeInt());
            case 5 -> NODES.numberNode(data.consumeDouble());
            case 6 -> NODES.numberNode(new BigInteger(digits(data).replace("-", "") + "0"));
            case 7 -> NODES.booleanNode(data.consumeBoolean());
            case 8 -> NODES.nullNode();
            default -> NODES.textNode(data.consumeAsciiString(32));
        };
    }

    private static JsonNode numberNode(String number) {
        try {
            return JSON.readTree(number);
        } catch (JsonProcessingException e) {
            return NODES.textNode(number);
        }
    }

    /** A run of decimal digits of fuzzer-chosen length and sign: epoch seconds, phone numbers, error codes. */
    private static String digits(FuzzedDataProvider data) {
        var sb = new StringBuilder();
        if (data.consumeBoolean()) {
            sb.append('-');
        }
        sb.append((char) ('1' + data.consumeInt(0, 8)));
        int length = data.consumeInt(0, 80);
        for (int i = 0; i < length; i++) {
            sb.append((char) ('0' + data.consumeInt(0, 9)));
        }
        return sb.toString();
    }

    private static String key(FuzzedDataProvider data) {
        return data.consumeInt(0, 7) == 0 ? data.consumeString(12) : pick(KEYS, data);
    }

    private static JsonNode subtree(JsonNode root, FuzzedDataProvider data) {
        var slots = new ArrayList<Slot>();
        collect(null, null, -1, root, slots);
        return slots.get(data.consumeInt(0, slots.size() - 1)).node;
    }

    private static byte[] serialize(JsonNode root, boolean escapeNonAscii) {
        try {
            return (escapeNonAscii ? ESCAPED : PLAIN).writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            // A lone surrogate cannot be written as UTF-8; \\uXXXX escapes can, as Meta writes them.
            try {
                return ESCAPED.writeValueAsBytes(root);
            } catch (JsonProcessingException again) {
                throw new IllegalStateException(again);
            }
        }
    }

    /** Byte-level damage after serialization, now and then: truncation, a stray byte, a duplicated span. */
    private static byte[] damage(byte[] body, FuzzedDataProvider data) {
        switch (data.consumeInt(0, 15)) {
            case 0: {
                return Arrays.copyOf(body, data.consumeInt(0, body.length));
            }
            case 1: {
                int at = data.consumeInt(0, body.length - 1);
                var copy = body.clone();
                copy[at] = data.consumeByte();
                return copy;
            }
            case 2: {
                int from = data.consumeInt(0, body.length);
                int to = data.consumeInt(from, body.length);
                var out = new byte[body.length + (to - from)];
                System.arraycopy(body, 0, out, 0, to);
                System.arraycopy(body, from, out, to, body.length - from);
                return out;
            }
            default:
                return body;
        }
    }

    private static <T> T pick(List<T> list, FuzzedDataProvider data) {
        return list.get(data.consumeInt(0, list.size() - 1));
    }

    private static void collect(JsonNode parent, String field, int index, JsonNode node, List<Slot> out) {
        out.add(new Slot(parent, field, index, node));
        if (node.isObject()) {
            var names = new ArrayList<String>();
            node.fieldNames().forEachRemaining(names::add);
            for (var name : names) {
                collect(node, name, -1, node.get(name), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node, null, i, node.get(i), out);
            }
        }
    }

    /** A node and where it hangs: a field of an object, an element of an array, or the root. */
    private record Slot(JsonNode parent, String field, int index, JsonNode node) {
        JsonNode replace(JsonNode root, JsonNode replacement) {
            if (parent == null) {
                return replacement;
            }
            if (parent instanceof ObjectNode object) {
                object.set(field, replacement);
            } else {
                ((ArrayNode) parent).set(index, replacement);
            }
            return root;
        }

        void remove() {
            if (parent instanceof ObjectNode object) {
                object.remove(field);
            } else if (parent instanceof ArrayNode array) {
                array.remove(index);
            }
        }

        void rename(String name) {
            if (parent instanceof ObjectNode object && !name.equals(field)) {
                object.set(name, object.remove(field));
            }
        }
    }
}
