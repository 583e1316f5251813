package wabot.conversation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words of each {@link Command} in a flow: its language's, or those of its {@code commands:} block. Matching
 * folds case, accents and punctuation, so "Atrás", "atras" and "¡atrás!" are all the same word.
 */
public record Commands(Map<Command, List<String>> words) {

    public Commands {
        var all = new EnumMap<Command, List<String>>(Command.class);
        words.forEach((command, list) -> all.put(command, List.copyOf(list)));
        for (var command : Command.values()) {
            if (all.get(command) == null || all.get(command).isEmpty()) {
                throw new IllegalArgumentException("no words for " + command.key());
            }
        }
        words = Collections.unmodifiableMap(all);
    }

    /** These commands with the words of {@code overrides} in place of the defaults for the commands it names. */
    public Commands with(Map<Command, List<String>> overrides) {
        var merged = new EnumMap<Command, List<String>>(words);
        merged.putAll(overrides);
        return new Commands(merged);
    }

    /** The command a message says, or null when it says none. */
    public Command of(String text) {
        var folded = Folding.fold(text);
        if (folded.isEmpty()) {
            return null;
        }
        for (var entry : words.entrySet()) {
            for (var word : entry.getValue()) {
                if (Folding.fold(word).equals(folded)) {
                    return entry.getKey();
                }
            }
        }
        return null;
    }

    /** The word to suggest for a command: its first. */
    public String word(Command command) {
        return words.get(command).get(0);
    }

    /** Every word, folded, with its command: to find a word that two commands, or an option title, share. */
    public Map<String, Command> folded() {
        var all = new LinkedHashMap<String, Command>();
        words.forEach((command, list) -> list.forEach(word -> all.putIfAbsent(Folding.fold(word), command)));
        return all;
    }
}
