package wabot.conversation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a language says yes, no, days and months, folded (see {@link Folding}): what typed answers are read with.
 *
 * @param days   words for a day relative to today ("manana" is 1), longest phrases first
 * @param months the names and abbreviations of each month, January first
 */
public record Words(Set<String> yes, Set<String> no, Map<String, Integer> days, List<List<String>> months) {
    public Words {
        yes = Set.copyOf(yes);
        no = Set.copyOf(no);
        days = Map.copyOf(days);
        months = months.stream().map(List::copyOf).toList();
    }

    /** The month (1 to 12) a folded word names, or 0. */
    public int month(String folded) {
        for (int i = 0; i < months.size(); i++) {
            if (months.get(i).contains(folded)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The date as this language writes it in a message: 25/12/2026, or 25 Dec 2026 in English. */
    static String dayMonthYear(LocalDate date) {
        return String.format("%02d/%02d/%04d", date.getDayOfMonth(), date.getMonthValue(), date.getYear());
    }
}
