package wabot.answers;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import wabot.conversation.AnswerContext;
import wabot.conversation.AnswerType;
import wabot.conversation.Event;
import wabot.conversation.Folding;
import wabot.conversation.Language;
import wabot.conversation.MessageKind;
import wabot.conversation.Reading;
import wabot.conversation.Text;
import wabot.conversation.Value;
import wabot.conversation.Words;

/**
 * A day, posted as "YYYY-MM-DD". Read the way the flow's language writes dates: "25/12/2026", "25-12-26",
 * "2026-12-25", "25 de diciembre", "December 25, 2026", or a word for a day near today ("hoy", "mañana",
 * "pasado mañana", "today", "amanhã"). Day comes before month; only in English is a date that cannot be
 * day-first ("12/25/2026") read month-first. Without a year, the date is in the current year.
 *
 * @param min null for no earliest day
 * @param max null for no latest day
 */
public record DateAnswer(DateBound min, DateBound max) implements AnswerType {
    /** Words that may stand between a date's parts: "25 de diciembre de 2026", "the 25th of December". */
    private static final Set<String> FILLERS = Set.of("de", "del", "of", "the", "em", "do");

    @Override
    public String name() {
        return "date";
    }

    @Override
    public Reading read(Event.UserMessage message, AnswerContext context) {
        var texts = context.texts();
        if (message.kind() != MessageKind.TEXT && message.kind() != MessageKind.CHOICE) {
            return Reading.refused(texts.textOnly());
        }
        var date = parse(message.text(), context.language(), context.today());
        if (date == null) {
            return Reading.refused(texts.format(Text.DATE_INVALID, "example", example(context)));
        }
        var earliest = min == null ? null : min.on(context.today());
        var latest = max == null ? null : max.on(context.today());
        if ((earliest != null && date.isBefore(earliest)) || (latest != null && date.isAfter(latest))) {
            return Reading.refused(range(context));
        }
        return Reading.accepted(Value.text(date.toString()));
    }

    @Override
    public String hint(AnswerContext context) {
        var hint = context.texts().format(Text.DATE_HINT, "example", example(context));
        return min == null && max == null ? hint : hint + " " + range(context);
    }

    @Override
    public Map<String, Object> settings() {
        var settings = new LinkedHashMap<String, Object>();
        Settings.put(settings, "min", min == null ? null : min.spec());
        Settings.put(settings, "max", max == null ? null : max.spec());
        return settings;
    }

    /** The day a text names, read in {@code language}, or null. */
    static LocalDate parse(String text, Language language, LocalDate today) {
        var folded = Folding.fold(text);
        var words = language.words();
        var relative = words.days().get(folded);
        if (relative != null) {
            return today.plusDays(relative);
        }
        var numbers = new ArrayList<String>();
        int month = 0;
        boolean monthFirst = false;
        for (var token : folded.split(" ")) {
            if (FILLERS.contains(token)) {
                continue;
            }
            var digits = token.replaceFirst("^(\\d{1,2})(st|nd|rd|th|o|a|er|º|ª)$", "$1");
            if (digits.matches("\\d{1,4}")) {
                numbers.add(digits);
            } else if (month == 0 && monthOf(token, words) > 0) {
                month = monthOf(token, words);
                monthFirst = numbers.isEmpty();
            } else {
                return null;
            }
        }
        if (month > 0) {
            // "25 de diciembre (de 2026)", "December 25(, 2026)"
            if (numbers.isEmpty() || numbers.size() > 2 || numbers.get(0).length() > 2) {
                return null;
            }
            return date(year(numbers.size() == 2 ? numbers.get(1) : null, today), month,
                    Integer.parseInt(numbers.get(0)));
        }
        if (numbers.size() == 3 && numbers.get(0).length() == 4) {
            return date(Integer.parseInt(numbers.get(0)), Integer.parseInt(numbers.get(1)),
                    Integer.parseInt(numbers.get(2)));
        }
        if ((numbers.size() != 2 && numbers.size() != 3) || numbers.get(0).length() > 2 || numbers.get(1).length() > 2) {
            return null;
        }
        int year = year(numbers.size() == 3 ? numbers.get(2) : null, today);
        int first = Integer.parseInt(numbers.get(0));
        int second = Integer.parseInt(numbers.get(1));
        var dayFirst = date(year, second, first);
        return dayFirst != null || language != Language.EN ? dayFirst : date(year, first, second);
    }

    private static int monthOf(String token, Words words) {
        int month = words.month(token);
        return month > 0 ? month : Language.EN.words().month(token);
    }

    /** A year as written: four digits, or two read within 80 years before and 20 after today. */
    private static int year(String written, LocalDate today) {
        if (written == null) {
            return today.getYear();
        }
        int year = Integer.parseInt(written);
        if (written.length() > 2) {
            return written.length() == 4 ? year : -1;
        }
        int century = today.getYear() / 100 * 100;
        int candidate = century + year;
        return candidate > today.getYear() + 20 ? candidate - 100 : candidate;
    }

    private static LocalDate date(int year, int month, int day) {
        try {
            return year < 1 ? null : LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private String range(AnswerContext context) {
        var texts = context.texts();
        var language = context.language();
        var today = context.today();
        if (min != null && max != null) {
            return texts.format(Text.DATE_BETWEEN, "min", language.date(min.on(today)),
                    "max", language.date(max.on(today)));
        }
        return min != null ? texts.format(Text.DATE_TOO_EARLY, "min", language.date(min.on(today)))
                : texts.format(Text.DATE_TOO_LATE, "max", language.date(max.on(today)));
    }

    /** Today, or the nearest day the limits allow, written as the language writes dates. */
    private String example(AnswerContext context) {
        var example = context.today();
        if (min != null && example.isBefore(min.on(example))) {
            example = min.on(context.today());
        }
        if (max != null && example.isAfter(max.on(context.today()))) {
            example = max.on(context.today());
        }
        return context.language().date(example);
    }
}
