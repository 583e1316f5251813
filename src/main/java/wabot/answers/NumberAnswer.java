package wabot.answers;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import wabot.conversation.AnswerContext;
import wabot.conversation.AnswerType;
import wabot.conversation.Event;
import wabot.conversation.MessageKind;
import wabot.conversation.Reading;
import wabot.conversation.Text;
import wabot.conversation.Value;

/**
 * A number, however people type it ("42", "3,5", "3.5", " 1 000 ", "1.500", "$ 20", "42 años"), posted as a JSON
 * number. Optionally whole, and within {@code min} and {@code max}.
 *
 * @param min null for no minimum
 * @param max null for no maximum
 */
public record NumberAnswer(boolean integer, BigDecimal min, BigDecimal max) implements AnswerType {
    private static final BigDecimal EXAMPLE = BigDecimal.valueOf(42);

    public NumberAnswer {
        // 200 and 200.0 are one limit, however the flow or the store wrote it.
        min = min == null ? null : new Value.Number(min).number();
        max = max == null ? null : new Value.Number(max).number();
    }

    @Override
    public String name() {
        return "number";
    }

    @Override
    public Reading read(Event.UserMessage message, AnswerContext context) {
        var texts = context.texts();
        if (message.kind() != MessageKind.TEXT && message.kind() != MessageKind.CHOICE) {
            return Reading.refused(texts.textOnly());
        }
        var number = Numbers.parse(message.text());
        if (number == null) {
            return Reading.refused(texts.format(Text.NUMBER_INVALID, "example", example(context)));
        }
        if (integer && number.stripTrailingZeros().scale() > 0) {
            return Reading.refused(texts.get(Text.NUMBER_NOT_WHOLE));
        }
        if ((min != null && number.compareTo(min) < 0) || (max != null && number.compareTo(max) > 0)) {
            return Reading.refused(range(context));
        }
        return Reading.accepted(Value.number(number));
    }

    @Override
    public String hint(AnswerContext context) {
        var hint = context.texts().format(Text.NUMBER_HINT, "example", example(context));
        return min == null && max == null ? hint : hint + " " + range(context);
    }

    @Override
    public Map<String, Object> settings() {
        var settings = new LinkedHashMap<String, Object>();
        if (integer) {
            settings.put("integer", true);
        }
        Settings.put(settings, "min", min);
        Settings.put(settings, "max", max);
        return settings;
    }

    private String range(AnswerContext context) {
        var texts = context.texts();
        var language = context.language();
        if (min != null && max != null) {
            return texts.format(Text.NUMBER_BETWEEN, "min", Settings.number(min, language),
                    "max", Settings.number(max, language));
        }
        return min != null ? texts.format(Text.NUMBER_TOO_SMALL, "min", Settings.number(min, language))
                : texts.format(Text.NUMBER_TOO_LARGE, "max", Settings.number(max, language));
    }

    /** 42, unless the limits rule it out: then the nearest limit. */
    private String example(AnswerContext context) {
        var example = EXAMPLE;
        if (min != null && example.compareTo(min) < 0) {
            example = min;
        }
        if (max != null && example.compareTo(max) > 0) {
            example = max;
        }
        return Settings.number(example, context.language());
    }
}
