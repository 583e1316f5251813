package wabot.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import wabot.conversation.Attachment;
import wabot.conversation.Choices;
import wabot.conversation.Value;
import wabot.flow.ExactJson;

/**
 * The JSON columns beside a message's text: a person's attachment ({@code inbox.attachment}), the choices of a
 * reply ({@code outbox.choices}) and a typed answer ({@code answers.value} with its {@code value_kind}). Field names
 * follow the business API's payload, so an operator reading the database sees the same shapes.
 */
public final class Wire {
    private static final ObjectMapper JSON = ExactJson.MAPPER;

    private Wire() {}

    public static String attachment(Attachment attachment) {
        if (attachment == null) {
            return null;
        }
        return attachmentNode(attachment).toString();
    }

    /** The payload shape: {@code {type, media_id, mime_type, sha256, caption?, filename?}} or a location. */
    public static ObjectNode attachmentNode(Attachment attachment) {
        var node = JSON.createObjectNode();
        if (attachment instanceof Attachment.Media media) {
            node.put("type", media.type()).put("media_id", media.mediaId()).put("mime_type", media.mimeType())
                    .put("sha256", media.sha256());
            putIfPresent(node, "caption", media.caption());
            putIfPresent(node, "filename", media.filename());
        } else if (attachment instanceof Attachment.Location location) {
            node.put("latitude", location.latitude()).put("longitude", location.longitude());
            putIfPresent(node, "name", location.name());
            putIfPresent(node, "address", location.address());
        }
        return node;
    }

    public static Attachment attachment(String json) {
        if (json == null) {
            return null;
        }
        var node = read(json);
        if (node.has("latitude")) {
            return new Attachment.Location(node.path("latitude").asDouble(), node.path("longitude").asDouble(),
                    text(node, "name"), text(node, "address"));
        }
        return new Attachment.Media(text(node, "type"), text(node, "media_id"), text(node, "mime_type"),
                text(node, "sha256"), text(node, "caption"), text(node, "filename"));
    }

    public static String choices(Choices choices) {
        if (choices == null) {
            return null;
        }
        var node = JSON.createObjectNode().put("style", choices.style().name()).put("button", choices.button());
        var options = node.putArray("options");
        for (var option : choices.options()) {
            var o = options.addObject().put("id", option.id()).put("title", option.title());
            putIfPresent(o, "description", option.description());
        }
        return node.toString();
    }

    public static Choices choices(String json) {
        if (json == null) {
            return null;
        }
        var node = read(json);
        var options = new ArrayList<Choices.Option>();
        for (var o : node.path("options")) {
            options.add(new Choices.Option(text(o, "id"), text(o, "title"), text(o, "description")));
        }
        return new Choices(Choices.Style.valueOf(node.path("style").asText()), text(node, "button"), options);
    }

    /** How {@code answers.value} holds a value: null for a plain string, else number, boolean or object. */
    public static String valueKind(Value value) {
        if (value instanceof Value.Number) {
            return "number";
        }
        if (value instanceof Value.Bool) {
            return "boolean";
        }
        return value instanceof Value.Fields ? "object" : null;
    }

    /** The text of {@code answers.value}: the string itself, or the value as JSON. */
    public static String valueText(Value value) {
        if (value instanceof Value.Text text) {
            return text.text();
        }
        try {
            return value instanceof Value.Fields ? JSON.writeValueAsString(value.plain()) : value.display();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stored answer's value; rows from before answers had types have no kind, and are strings. */
    public static Value value(String text, String kind) {
        if (kind == null) {
            return Value.text(text);
        }
        switch (kind) {
            case "number": return Value.number(new BigDecimal(text));
            case "boolean": return Value.bool(Boolean.parseBoolean(text));
            case "object": return value(read(text));
            default: throw new IllegalStateException("unknown value_kind " + kind);
        }
    }

    /** A JSON value as a {@link Value}; JSON null has no value, so an object's null fields are left out. */
    public static Value value(JsonNode node) {
        if (node.isObject()) {
            var fields = new LinkedHashMap<String, Value>();
            node.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    fields.put(e.getKey(), value(e.getValue()));
                }
            });
            return new Value.Fields(fields);
        }
        if (node.isNumber()) {
            return Value.number(node.decimalValue());
        }
        if (node.isBoolean()) {
            return Value.bool(node.booleanValue());
        }
        return Value.text(node.isValueNode() ? node.asText() : node.toString());
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable JSON column: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        var value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
