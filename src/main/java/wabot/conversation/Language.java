package wabot.conversation;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The language a flow speaks: the bot's own texts, its command words, and how typed dates and yes/no answers are
 * read. Spanish unless the flow says {@code language: en} or {@code pt}.
 */
public enum Language {
    ES(Spanish.TEXTS, Spanish.COMMANDS, Spanish.WORDS),
    EN(English.TEXTS, English.COMMANDS, English.WORDS),
    PT(Portuguese.TEXTS, Portuguese.COMMANDS, Portuguese.WORDS);

    private static final List<String> ENGLISH_MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
            "Aug", "Sep", "Oct", "Nov", "Dec");

    private final Texts texts;
    private final Commands commands;
    private final Words words;

    Language(java.util.Map<Text, String> texts, java.util.Map<Command, List<String>> commands, Words words) {
        this.texts = new Texts(texts);
        this.commands = new Commands(commands);
        this.words = words;
    }

    /** The code a flow file writes: es, en or pt. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The language of a code, or null when wabot does not speak it. */
    public static Language of(String code) {
        for (var language : values()) {
            if (language.code().equalsIgnoreCase(code == null ? "" : code.strip())) {
                return language;
            }
        }
        return null;
    }

    public Texts texts() {
        return texts;
    }

    public Commands commands() {
        return commands;
    }

    public Words words() {
        return words;
    }

    /**
     * A date as people of this language read it without doubt: 25/12/2026 in Spanish and Portuguese, and in
     * English 25 Dec 2026, since 12/05 means different days on either side of the Atlantic.
     */
    public String date(LocalDate date) {
        if (this == EN) {
            return date.getDayOfMonth() + " " + ENGLISH_MONTHS.get(date.getMonthValue() - 1) + " " + date.getYear();
        }
        return Words.dayMonthYear(date);
    }
}
