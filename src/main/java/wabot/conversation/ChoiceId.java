package wabot.conversation;

import java.util.regex.Pattern;

/**
 * The id a button or list row carries on the wire: the question's id, a colon, the option's id. WhatsApp keeps old
 * buttons tappable, and a tap names only the id it was sent with, so the question is written into it: a tap on an
 * earlier question's button is then never read as the answer to the current one.
 */
public record ChoiceId(String questionId, String optionId) {
    private static final Pattern WIRE = Pattern.compile("([A-Za-z0-9_.-]{1,64}):(.+)", Pattern.DOTALL);

    /** The id to send for an option of a question. */
    public String wire() {
        return questionId + ":" + optionId;
    }

    /** The question and option a tapped id names, or null for an id wabot did not write (a template's payload). */
    public static ChoiceId parse(String wire) {
        if (wire == null) {
            return null;
        }
        var matcher = WIRE.matcher(wire);
        return matcher.matches() ? new ChoiceId(matcher.group(1), matcher.group(2)) : null;
    }
}
