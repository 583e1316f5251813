package wabot.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import wabot.answers.ChoiceAnswer;
import wabot.answers.DateAnswer;
import wabot.answers.DateBound;
import wabot.answers.EmailAnswer;
import wabot.answers.LocationAnswer;
import wabot.answers.MediaAnswer;
import wabot.answers.NumberAnswer;
import wabot.answers.PhoneAnswer;
import wabot.answers.TextAnswer;
import wabot.answers.YesNoAnswer;
import wabot.conversation.AnswerType;
import wabot.conversation.Choices;
import wabot.conversation.Folding;

/** The {@code type:} of a question and the keys that go with it, read into an {@link AnswerType}. */
final class TypeReader {
    /** Every type, with the keys it adds to a question's; in the order the README lists them. */
    static final Map<String, Set<String>> KEYS = keys();
    static final int MAX_OPTIONS = 100;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Set<String> OPTION_KEYS = Set.of("id", "title", "description");
    private static final int MAX_LENGTH = 100_000;

    private final Nodes nodes;

    TypeReader(Nodes nodes) {
        this.nodes = nodes;
    }

    private static Map<String, Set<String>> keys() {
        var keys = new LinkedHashMap<String, Set<String>>();
        keys.put("text", Set.of("min_length", "max_length", "pattern"));
        keys.put("number", Set.of("integer", "min", "max"));
        keys.put("email", Set.of());
        keys.put("phone", Set.of("default_region"));
        keys.put("date", Set.of("min", "max"));
        keys.put("yes_no", Set.of());
        keys.put("choice", Set.of("options"));
        for (var kind : MediaAnswer.KINDS) {
            keys.put(kind, Set.of());
        }
        keys.put("location", Set.of());
        return keys;
    }

    AnswerType read(String name, YamlNode.Mapping map, String what) {
        switch (name) {
            case "text": return text(map, what);
            case "number": return number(map, what);
            case "email": return new EmailAnswer();
            case "phone": return phone(map, what);
            case "date": return date(map, what);
            case "yes_no": return new YesNoAnswer();
            case "choice": return choice(map, what);
            case "location": return new LocationAnswer();
            default: return new MediaAnswer(name);
        }
    }

    private AnswerType text(YamlNode.Mapping map, String what) {
        var min = nodes.count(map, "min_length", MAX_LENGTH, what);
        var max = nodes.count(map, "max_length", MAX_LENGTH, what);
        var pattern = nodes.optionalText(map, "pattern", what);
        if (max != null && max == 0) {
            throw Nodes.problem(map.entries().get("max_length"), what + " has 'max_length' 0: no answer could fit");
        }
        if (min != null && max != null && min > max) {
            throw Nodes.problem(map.entries().get("min_length"), what + " has 'min_length' above 'max_length'");
        }
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw Nodes.problem(map.entries().get("pattern"), what + " has a 'pattern' that is not a valid regular "
                        + "expression: " + e.getDescription() + " near index " + e.getIndex());
            }
        }
        return min == null && max == null && pattern == null ? AnswerType.TEXT : new TextAnswer(min, max, pattern);
    }

    private AnswerType number(YamlNode.Mapping map, String what) {
        boolean integer = nodes.bool(map, "integer", false, what);
        var limits = new java.math.BigDecimal[2];
        var names = List.of("min", "max");
        for (int i = 0; i < 2; i++) {
            var node = map.entries().get(names.get(i));
            if (node != null) {
                limits[i] = nodes.numberOf(node);
                if (limits[i] == null) {
                    throw Nodes.problem(node, what + " has '" + names.get(i) + "' that is not a number");
                }
            }
        }
        if (limits[0] != null && limits[1] != null && limits[0].compareTo(limits[1]) > 0) {
            throw Nodes.problem(map.entries().get("min"), what + " has 'min' above 'max'");
        }
        return new NumberAnswer(integer, limits[0], limits[1]);
    }

    private AnswerType phone(YamlNode.Mapping map, String what) {
        var region = nodes.optionalText(map, "default_region", what);
        if (region != null && !PhoneAnswer.isRegion(region)) {
            throw Nodes.problem(map.entries().get("default_region"), what + " has default_region '" + region
                    + "': use a two-letter country code such as AR, BR, ES, MX or US");
        }
        return new PhoneAnswer(region);
    }

    private AnswerType date(YamlNode.Mapping map, String what) {
        var bounds = new DateBound[2];
        var names = List.of("min", "max");
        for (int i = 0; i < 2; i++) {
            var text = nodes.optionalText(map, names.get(i), what);
            if (text != null) {
                bounds[i] = DateBound.parse(text);
                if (bounds[i] == null) {
                    throw Nodes.problem(map.entries().get(names.get(i)), what + " has '" + names.get(i) + "' '" + text
                            + "': use a date (2026-12-25), or today, tomorrow, yesterday, today+N or today-N (days)");
                }
            }
        }
        var today = java.time.LocalDate.of(2000, 1, 1);
        if (bounds[0] != null && bounds[1] != null && (bounds[0].date() == null) == (bounds[1].date() == null)
                && bounds[0].on(today).isAfter(bounds[1].on(today))) {
            throw Nodes.problem(map.entries().get("min"), what + " has 'min' after 'max'");
        }
        return new DateAnswer(bounds[0], bounds[1]);
    }

    private AnswerType choice(YamlNode.Mapping map, String what) {
        var node = map.entries().get("options");
        if (node == null) {
            throw new Problems.Found(map.line(), what + " is a choice without 'options'");
        }
        if (!(node instanceof YamlNode.Sequence list) || list.items().isEmpty()) {
            throw Nodes.problem(node, what + " has 'options' that is not a list of options");
        }
        if (list.items().size() > MAX_OPTIONS) {
            throw Nodes.problem(node, what + " has " + list.items().size() + " options: at most " + MAX_OPTIONS);
        }
        var options = new ArrayList<Choices.Option>();
        var ids = new HashMap<String, Integer>();
        var titles = new HashMap<String, Integer>();
        for (int i = 0; i < list.items().size(); i++) {
            var item = list.items().get(i);
            var which = what + ", option " + (i + 1);
            var option = nodes.mapping(item, which);
            nodes.unknownKeys(option, OPTION_KEYS, which);
            var id = nodes.text(option, "id", which);
            if (!ID.matcher(id).matches()) {
                throw Nodes.problem(option.entries().get("id"), which + " has id '" + id
                        + "': use 1 to 64 letters, digits, '_', '-' or '.'");
            }
            var title = nodes.text(option, "title", which);
            var description = nodes.optionalText(option, "description", which);
            if (ids.putIfAbsent(id, i + 1) != null) {
                throw Nodes.problem(item, which + " repeats the id '" + id + "' of option " + ids.get(id));
            }
            var folded = Folding.fold(title);
            if (!folded.isEmpty() && titles.putIfAbsent(folded, i + 1) != null) {
                throw Nodes.problem(item, which + " has the title of option " + titles.get(folded)
                        + ": people could not tell them apart");
            }
            options.add(new Choices.Option(id, title, description));
        }
        return new ChoiceAnswer(options);
    }
}
