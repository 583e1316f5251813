package wabot.conversation;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An answer's value as the business API receives it: a JSON string, number, boolean or object. Text answers are
 * strings, so a flow without types posts exactly what it always did.
 */
public sealed interface Value {

    /** The value as plain Java, the way a JSON library writes it: String, BigDecimal, Boolean or an ordered Map. */
    Object plain();

    /** The value as a person reads it, in a transcript or a summary. */
    String display();

    static Value text(String text) {
        return new Text(text);
    }

    static Value number(BigDecimal number) {
        return new Number(number);
    }

    static Value bool(boolean value) {
        return new Bool(value);
    }

    record Text(String text) implements Value {
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public Object plain() {
            return text;
        }

        @Override
        public String display() {
            return text;
        }
    }

    /** A number, kept exact; 3.50 and 3.5 are one number, written without trailing zeros or an exponent. */
    record Number(BigDecimal number) implements Value {
        public Number {
            var stripped = number.stripTrailingZeros();
            number = stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }

        @Override
        public Object plain() {
            return number;
        }

        @Override
        public String display() {
            return number.toPlainString();
        }
    }

    record Bool(boolean value) implements Value {
        @Override
        public Object plain() {
            return value;
        }

        @Override
        public String display() {
            return Boolean.toString(value);
        }
    }

    /** A JSON object, its fields in the order given; a media file or a location. */
    record Fields(Map<String, Value> fields) implements Value {
        public Fields {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        @Override
        public Object plain() {
            var plain = new LinkedHashMap<String, Object>();
            fields.forEach((key, value) -> plain.put(key, value.plain()));
            return plain;
        }

        @Override
        public String display() {
            var text = new StringBuilder("{");
            fields.forEach((key, value) -> text.append(text.length() > 1 ? ", " : "").append(key).append(": ")
                    .append(value.display()));
            return text.append('}').toString();
        }
    }
}
