package wabot.conversation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the bot says besides the questions, in one language: every {@link Text}, the language's defaults with a
 * flow's {@code messages:} laid over them.
 */
public record Texts(Map<Text, String> entries) {

    public Texts {
        var all = new EnumMap<Text, String>(Text.class);
        all.putAll(entries);
        for (var key : Text.values()) {
            if (all.get(key) == null || all.get(key).isBlank()) {
                throw new IllegalArgumentException("no text for " + key.key());
            }
        }
        entries = Collections.unmodifiableMap(all);
    }

    /** The bundled Spanish texts. */
    public static Texts spanish() {
        return Language.ES.texts();
    }

    /** These texts with {@code overrides} in place of the defaults they name; blank overrides are ignored. */
    public Texts with(Map<Text, String> overrides) {
        var merged = new EnumMap<Text, String>(entries);
        overrides.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                merged.put(key, value);
            }
        });
        return new Texts(merged);
    }

    public String get(Text key) {
        return entries.get(key);
    }

    /** The text of {@code key} with each {@code {name}} replaced: {@code format(Text.NUMBER_TOO_SMALL, "min", "1")}. */
    public String format(Text key, String... namesAndValues) {
        var text = get(key);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            text = text.replace("{" + namesAndValues[i] + "}", namesAndValues[i + 1]);
        }
        return text;
    }

    public String skipHint() {
        return get(Text.SKIP_HINT);
    }

    public String required() {
        return get(Text.REQUIRED);
    }

    public String processing() {
        return get(Text.PROCESSING);
    }

    public String pleaseWait() {
        return get(Text.PLEASE_WAIT);
    }

    public String finalMessage() {
        return get(Text.FINAL_MESSAGE);
    }

    public String apology() {
        return get(Text.APOLOGY);
    }

    public String textOnly() {
        return get(Text.TEXT_ONLY);
    }

    public String tooLong() {
        return get(Text.TOO_LONG);
    }

    public String expired() {
        return get(Text.EXPIRED);
    }

    public String restarted() {
        return get(Text.RESTARTED);
    }

    public String cancelled() {
        return get(Text.CANCELLED);
    }

    public String flood() {
        return get(Text.FLOOD);
    }
}
