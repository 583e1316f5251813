package wabot.flow;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import wabot.conversation.Command;
import wabot.conversation.Commands;
import wabot.conversation.Flow;
import wabot.conversation.Folding;
import wabot.conversation.Language;
import wabot.conversation.Text;
import wabot.conversation.Texts;

/** How a flow speaks: its {@code language}, {@code timezone}, {@code messages} and {@code commands}. */
final class FlowSettings {
    /** Texts shown on a button, whose limit is 20 characters. */
    private static final Set<Text> BUTTON_TEXTS = Set.of(Text.YES, Text.NO, Text.CHOOSE);
    private static final int BUTTON_LIMIT = 20;

    private FlowSettings() {}

    static Language language(YamlNode.Mapping root, Nodes nodes) {
        var code = nodes.optionalText(root, "language", "the flow");
        if (code == null) {
            return Language.ES;
        }
        var language = Language.of(code);
        if (language == null) {
            throw Nodes.problem(root.entries().get("language"), "the flow has language '" + code
                    + "': use es (Spanish, the default), en (English) or pt (Portuguese)");
        }
        return language;
    }

    static ZoneId timezone(YamlNode.Mapping root, Nodes nodes) {
        var zone = nodes.optionalText(root, "timezone", "the flow");
        try {
            return zone == null ? Flow.UTC : ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw Nodes.problem(root.entries().get("timezone"), "the flow has timezone '" + zone
                    + "': use a name such as America/Argentina/Buenos_Aires, Europe/Madrid or UTC");
        }
    }

    static Texts texts(YamlNode node, Language language, Nodes nodes) {
        if (node == null) {
            return language.texts();
        }
        var map = nodes.mapping(node, "'messages'");
        var keys = new LinkedHashMap<String, Text>();
        for (var text : Text.values()) {
            keys.put(text.key(), text);
        }
        nodes.unknownKeys(map, keys.keySet(), "'messages'");
        var overrides = new EnumMap<Text, String>(Text.class);
        for (var key : map.entries().keySet()) {
            var text = keys.get(key);
            var value = nodes.text(map, key, "'messages'");
            if (BUTTON_TEXTS.contains(text) && value.length() > BUTTON_LIMIT) {
                throw Nodes.problem(map.entries().get(key), "'messages' has '" + key + "' of " + value.length()
                        + " characters: it is shown on a button, which holds at most " + BUTTON_LIMIT);
            }
            overrides.put(text, value);
        }
        return language.texts().with(overrides);
    }

    static Commands commands(YamlNode node, Language language, Nodes nodes) {
        if (node == null) {
            return language.commands();
        }
        var map = nodes.mapping(node, "'commands'");
        var keys = new LinkedHashMap<String, Command>();
        for (var command : Command.values()) {
            keys.put(command.key(), command);
        }
        nodes.unknownKeys(map, keys.keySet(), "'commands'");
        var overrides = new EnumMap<Command, List<String>>(Command.class);
        var owners = new LinkedHashMap<String, String>();
        for (var entry : map.entries().entrySet()) {
            var value = entry.getValue();
            var items = value instanceof YamlNode.Sequence list ? list.items() : List.of(value);
            if (items.isEmpty()) {
                throw Nodes.problem(value, "'commands' has no words for '" + entry.getKey() + "'");
            }
            var words = new ArrayList<String>();
            for (var item : items) {
                var word = nodes.text(item, entry.getKey(), "'commands'");
                if (Folding.fold(word).isEmpty()) {
                    throw Nodes.problem(item, "'commands' has the word '" + word + "' for '" + entry.getKey()
                            + "': a command needs letters or digits");
                }
                var owner = owners.putIfAbsent(Folding.fold(word), entry.getKey());
                if (owner != null && !owner.equals(entry.getKey())) {
                    throw Nodes.problem(item, "'commands' gives the word '" + word + "' to both '" + owner + "' and '"
                            + entry.getKey() + "'");
                }
                words.add(word);
            }
            overrides.put(keys.get(entry.getKey()), words);
        }
        var commands = language.commands().with(overrides);
        checkUnique(commands, map);
        return commands;
    }

    /** An overridden command must not take a word a default one keeps: "back" cannot also restart. */
    private static void checkUnique(Commands commands, YamlNode.Mapping map) {
        var seen = new LinkedHashMap<String, Command>();
        for (Map.Entry<Command, List<String>> entry : commands.words().entrySet()) {
            for (var word : entry.getValue()) {
                var other = seen.putIfAbsent(Folding.fold(word), entry.getKey());
                if (other != null && other != entry.getKey()) {
                    var key = map.entries().containsKey(entry.getKey().key()) ? entry.getKey() : other;
                    throw Nodes.problem(map.entries().get(key.key()), "'commands' gives the word '" + word
                            + "' to '" + key.key() + "', but '" + (key == other ? entry.getKey() : other).key()
                            + "' has it too");
                }
            }
        }
    }
}
