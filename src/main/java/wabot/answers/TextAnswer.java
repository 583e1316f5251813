package wabot.answers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import wabot.conversation.AnswerContext;
import wabot.conversation.AnswerType;
import wabot.conversation.Event;
import wabot.conversation.Reading;
import wabot.conversation.Text;

/**
 * Text with limits: at least {@code minLength} and at most {@code maxLength} characters (as people count them:
 * an emoji is one), matching {@code pattern} as a whole. A text question without limits is {@link AnswerType#TEXT}.
 *
 * @param minLength null for no minimum
 * @param maxLength null for no maximum
 * @param pattern   a Java regular expression the whole answer must match; null for any
 */
public record TextAnswer(Integer minLength, Integer maxLength, String pattern) implements AnswerType {

    public TextAnswer {
        if (pattern != null) {
            Pattern.compile(pattern);
        }
    }

    @Override
    public String name() {
        return "text";
    }

    @Override
    public Reading read(Event.UserMessage message, AnswerContext context) {
        var reading = AnswerType.TEXT.read(message, context);
        if (!(reading instanceof Reading.Accepted accepted)) {
            return reading;
        }
        var text = accepted.value().display();
        int length = text.codePointCount(0, text.length());
        var texts = context.texts();
        if (minLength != null && length < minLength) {
            return Reading.refused(texts.format(Text.TEXT_TOO_SHORT, "min", minLength.toString()));
        }
        if (maxLength != null && length > maxLength) {
            return Reading.refused(texts.format(Text.TEXT_TOO_LONG, "max", maxLength.toString()));
        }
        if (pattern != null && !Budget.matches(Pattern.compile(pattern), text)) {
            return Reading.refused(texts.get(Text.TEXT_MISMATCH));
        }
        return reading;
    }

    @Override
    public String hint(AnswerContext context) {
        return AnswerType.TEXT.hint(context);
    }

    @Override
    public Map<String, Object> settings() {
        var settings = new LinkedHashMap<String, Object>();
        Settings.put(settings, "min_length", minLength);
        Settings.put(settings, "max_length", maxLength);
        Settings.put(settings, "pattern", pattern);
        return settings;
    }
}
