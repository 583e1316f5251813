package wabot.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML value with the line it starts on, so that every complaint about a flow can name its line. */
sealed interface YamlNode {
    int line();

    /**
     * A single value, with the kind its source gave it: YAML and JSON tell {@code true} from {@code "true"}, and
     * the business API's replies are held to that.
     *
     * @param value null for a null
     */
    record Scalar(String value, Type type, int line) implements YamlNode {
        enum Type { STRING, NUMBER, BOOLEAN, NULL }

        Scalar(String value, int line) {
            this(value, value == null ? Type.NULL : Type.STRING, line);
        }
    }

    record Sequence(List<YamlNode> items, int line) implements YamlNode {}

    record Mapping(Map<String, YamlNode> entries, Map<String, Integer> keyLines, int line) implements YamlNode {}

    default String kind() {
        if (this instanceof Scalar) {
            return "a single value";
        }
        return this instanceof Sequence ? "a list" : "a mapping";
    }

    /** A JSON tree (the business API's reply, a stored question) as nodes; it has no lines, so every line is 1. */
    static YamlNode of(JsonNode json) {
        if (json.isObject()) {
            var entries = new LinkedHashMap<String, YamlNode>();
            var lines = new LinkedHashMap<String, Integer>();
            json.properties().forEach(e -> {
                entries.put(e.getKey(), of(e.getValue()));
                lines.put(e.getKey(), 1);
            });
            return new Mapping(entries, lines, 1);
        }
        if (json.isArray()) {
            var items = new ArrayList<YamlNode>();
            json.forEach(item -> items.add(of(item)));
            return new Sequence(items, 1);
        }
        if (json.isNull() || json.isMissingNode()) {
            return new Scalar(null, Scalar.Type.NULL, 1);
        }
        var kind = json.isBoolean() ? Scalar.Type.BOOLEAN : json.isNumber() ? Scalar.Type.NUMBER : Scalar.Type.STRING;
        return new Scalar(json.isNumber() ? json.decimalValue().toPlainString() : json.asText(), kind, 1);
    }
}
