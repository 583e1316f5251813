package wabot.whatsapp;

import java.util.regex.Pattern;

/** Text as people typed it, minus control characters that only confuse a business API or a log line. */
final class Cleaning {
    // C0 and C1 controls except tab and newline; format characters (such as emoji joiners) stay.
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");

    private Cleaning() {}

    static String text(String raw) {
        if (raw == null) {
            return null;
        }
        return CONTROL.matcher(raw.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("");
    }
}
