package wabot.flow;

import java.util.List;
import java.util.Map;

/** A YAML value with the line it starts on, so that every complaint about a flow can name its line. */
sealed interface YamlNode {
    int line();

    record Scalar(String value, int line) implements YamlNode {}

    record Sequence(List<YamlNode> items, int line) implements YamlNode {}

    record Mapping(Map<String, YamlNode> entries, Map<String, Integer> keyLines, int line) implements YamlNode {}

    default String kind() {
        if (this instanceof Scalar) {
            return "a single value";
        }
        return this instanceof Sequence ? "a list" : "a mapping";
    }
}
