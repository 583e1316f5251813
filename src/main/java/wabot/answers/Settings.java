package wabot.answers;

import java.math.BigDecimal;
import java.util.Map;
import wabot.conversation.Language;

/** Small shared pieces of the answer types: their settings as the flow schema writes them, numbers as people read them. */
final class Settings {
    private Settings() {}

    static void put(Map<String, Object> settings, String key, Object value) {
        if (value != null) {
            settings.put(key, value);
        }
    }

    /** A number as the flow's language writes it: 3,5 in Spanish and Portuguese, 3.5 in English. */
    static String number(BigDecimal number, Language language) {
        var plain = number.stripTrailingZeros().toPlainString();
        return language == Language.EN ? plain : plain.replace('.', ',');
    }
}
