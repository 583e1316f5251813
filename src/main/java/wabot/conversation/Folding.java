package wabot.conversation;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text as a person means it rather than as they typed it: lower case, without accents, emoji or punctuation, one
 * space between words. "¡Sí! 👍" and "si" read the same, and so do "Atrás" and "atras".
 */
public final class Folding {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORDS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Folding() {}

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        var bare = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return NOT_WORDS.matcher(bare.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }
}
