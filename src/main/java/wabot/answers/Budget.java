package wabot.answers;

import java.util.regex.Pattern;

/**
 * Matches a pattern under a budget of steps. A flow's or the business API's {@code pattern} may backtrack without
 * end on some answer ({@code (a+)+$}); a worker thread must not spin on it, so past the budget the answer does not
 * match. Java's matcher reads its input only through {@link CharSequence#charAt}, which is where steps are counted.
 */
final class Budget implements CharSequence {
    /** Far above what a sane pattern needs on an answer of a few thousand characters, far below a second. */
    static final long STEPS = 5_000_000;

    private static final class Exhausted extends RuntimeException {
        Exhausted() {
            super(null, null, false, false);
        }
    }

    private final CharSequence text;
    private final long[] left;

    private Budget(CharSequence text, long[] left) {
        this.text = text;
        this.left = left;
    }

    /** Whether the whole text matches; false too when matching would take more than {@link #STEPS}. */
    static boolean matches(Pattern pattern, String text) {
        try {
            return pattern.matcher(new Budget(text, new long[] {STEPS})).matches();
        } catch (Exhausted e) {
            return false;
        }
    }

    @Override
    public char charAt(int index) {
        if (--left[0] < 0) {
            throw new Exhausted();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new Budget(text.subSequence(start, end), left);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
