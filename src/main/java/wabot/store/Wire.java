package wabot.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import wabot.conversation.Attachment;
import wabot.conversation.Choices;

/**
 * The JSON columns beside a message's text: a person's attachment ({@code inbox.attachment}) and the choices of a
 * reply ({@code outbox.choices}). Field names follow the business API's payload, so an operator reading the
 * database sees the same shapes.
 */
public final class Wire {
    private static final ObjectMapper JSON = new ObjectMapper();

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
