package wabot.flow;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/**
 * Reads single values out of nodes, or fails at their line. A flow file is read leniently, as people write YAML
 * ({@code required: "no"}, {@code min: "3"}); JSON from the business API or the store is held to its own types
 * ({@code "required": "no"} is not a boolean).
 */
final class Nodes {
    private final boolean strict;

    Nodes(boolean strict) {
        this.strict = strict;
    }

    boolean strict() {
        return strict;
    }

    static Problems.Found problem(YamlNode node, String problem) {
        return new Problems.Found(node.line(), problem);
    }

    YamlNode.Mapping mapping(YamlNode node, String what) {
        if (node instanceof YamlNode.Mapping map) {
            return map;
        }
        throw problem(node, what + " must be a mapping of keys to values, not " + node.kind());
    }

    void unknownKeys(YamlNode.Mapping map, Set<String> known, String what) {
        for (var key : map.entries().keySet()) {
            if (!known.contains(key)) {
                throw new Problems.Found(map.keyLines().get(key), "unknown key '" + key + "' in " + what
                        + " (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    /** A non-blank text, stripped. */
    String text(YamlNode.Mapping map, String key, String what) {
        var node = map.entries().get(key);
        if (node == null) {
            throw new Problems.Found(map.line(), what + " has no '" + key + "'");
        }
        return text(node, key, what);
    }

    String text(YamlNode node, String key, String what) {
        if (!(node instanceof YamlNode.Scalar scalar) || scalar.value() == null || scalar.value().isBlank()) {
            throw problem(node, what + " has an empty '" + key + "'");
        }
        if (strict && scalar.type() != YamlNode.Scalar.Type.STRING) {
            throw problem(node, what + " has a '" + key + "' that is not text");
        }
        return scalar.value().strip();
    }

    /** An optional text: null when the key is absent. */
    String optionalText(YamlNode.Mapping map, String key, String what) {
        var node = map.entries().get(key);
        return node == null || strict && isNull(node) ? null : text(node, key, what);
    }

    boolean bool(YamlNode.Mapping map, String key, boolean absent, String what) {
        var node = map.entries().get(key);
        if (node == null || strict && isNull(node)) {
            return absent;
        }
        var value = booleanOf(node);
        if (value == null) {
            throw problem(node, what + " has '" + key + "' that is neither true nor false");
        }
        return value;
    }

    /** True or false, or null when the node is neither. */
    Boolean booleanOf(YamlNode node) {
        if (!(node instanceof YamlNode.Scalar scalar) || scalar.value() == null
                || strict && scalar.type() != YamlNode.Scalar.Type.BOOLEAN) {
            return null;
        }
        switch (scalar.value().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": return true;
            case "false": case "no": return false;
            default: return null;
        }
    }

    /** A number, or null when the node is none. */
    BigDecimal numberOf(YamlNode node) {
        if (!(node instanceof YamlNode.Scalar scalar) || scalar.value() == null
                || strict && scalar.type() != YamlNode.Scalar.Type.NUMBER
                || scalar.type() == YamlNode.Scalar.Type.BOOLEAN) {
            return null;
        }
        try {
            var text = scalar.value().strip();
            return text.length() > 40 ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An optional whole number from 0 to {@code max}: null when absent. */
    Integer count(YamlNode.Mapping map, String key, int max, String what) {
        var node = map.entries().get(key);
        if (node == null) {
            return null;
        }
        var number = numberOf(node);
        if (number == null || number.signum() < 0 || number.stripTrailingZeros().scale() > 0
                || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw problem(node, what + " has '" + key + "' that is not a whole number from 0 to " + max);
        }
        return number.intValueExact();
    }

    private static boolean isNull(YamlNode node) {
        return node instanceof YamlNode.Scalar scalar && scalar.type() == YamlNode.Scalar.Type.NULL;
    }
}
