package wabot.console;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** A submission's payload as the export reads it: the JSON your API received, its answers, their names. */
final class Payloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {}

    static JsonNode read(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** The question ids of a payload's answers, read as a stream: the first pass needs the names only. */
    static void answerIds(String payload, java.util.Set<String> ids) {
        try (var parser = JSON.getFactory().createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean answers = "answers".equals(parser.currentName());
                var value = parser.nextToken();
                if (answers && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        ids.add(parser.currentName());
                        parser.nextToken();
                        parser.skipChildren();
                    }
                    return;
                }
                parser.skipChildren();
            }
        } catch (IOException unreadable) {
            // A payload that is not JSON has no answers to name; the row still gets its line.
        }
    }

    /** A payload's answers; an empty object when it has none. */
    static JsonNode answers(JsonNode payload) {
        var answers = payload.path("answers");
        return answers.isObject() ? answers : JSON.createObjectNode();
    }

    /** A JSON value as a cell: text as it is, any other value (number, choice object...) as JSON. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isTextual() ? node.asText() : node.toString();
    }
}
