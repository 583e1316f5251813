package wabot.answers;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * A limit of a date question: a fixed day ({@code 2026-12-25}), or a day counted from today ({@code today},
 * {@code tomorrow}, {@code yesterday}, {@code today+30}, {@code today-7}), so that "from today on" stays true
 * every day the flow runs.
 *
 * @param date the fixed day, or null for a relative one
 * @param days for a relative limit, days after today (negative: before)
 */
public record DateBound(LocalDate date, int days) {
    private static final Pattern RELATIVE = Pattern.compile("today\\s*([+-])\\s*(\\d{1,5})");

    /** The bound a flow writes, or null when the text is none. */
    public static DateBound parse(String text) {
        var spec = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        switch (spec) {
            case "today": return new DateBound(null, 0);
            case "tomorrow": return new DateBound(null, 1);
            case "yesterday": return new DateBound(null, -1);
            default: break;
        }
        var relative = RELATIVE.matcher(spec);
        if (relative.matches()) {
            int days = Integer.parseInt(relative.group(2));
            return new DateBound(null, relative.group(1).equals("-") ? -days : days);
        }
        try {
            return spec.matches("\\d{4}-\\d{2}-\\d{2}") ? new DateBound(LocalDate.parse(spec), 0) : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The day this bound means when today is {@code today}. */
    public LocalDate on(LocalDate today) {
        return date != null ? date : today.plusDays(days);
    }

    /** As a flow writes it. */
    public String spec() {
        if (date != null) {
            return date.toString();
        }
        switch (days) {
            case 0: return "today";
            case 1: return "tomorrow";
            case -1: return "yesterday";
            default: return "today" + (days > 0 ? "+" : "") + days;
        }
    }
}
