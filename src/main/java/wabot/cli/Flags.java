package wabot.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's flags: {@code --name value}, {@code --name=value} and bare {@code --switch}es, plus positional
 * arguments. Anything not declared is a {@link UsageError}, because a mistyped flag silently ignored runs the
 * wrong thing.
 */
final class Flags {
    private final Map<String, String> values;
    private final List<String> positional;

    private Flags(Map<String, String> values, List<String> positional) {
        this.values = values;
        this.positional = positional;
    }

    static Flags parse(List<String> args, Set<String> valued, Set<String> switches) throws UsageError {
        var values = new HashMap<String, String>();
        var positional = new ArrayList<String>();
        for (int i = 0; i < args.size(); i++) {
            var arg = args.get(i);
            if (!arg.startsWith("--") || arg.equals("--")) {
                positional.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            var name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (switches.contains(name)) {
                if (eq >= 0) {
                    throw new UsageError("--" + name + " takes no value");
                }
                values.put(name, "true");
            } else if (valued.contains(name)) {
                if (eq >= 0) {
                    values.put(name, arg.substring(eq + 1));
                } else if (i + 1 < args.size()) {
                    values.put(name, args.get(++i));
                } else {
                    throw new UsageError("--" + name + " needs a value");
                }
            } else {
                throw new UsageError("unknown flag --" + name);
            }
        }
        return new Flags(values, positional);
    }

    String value(String name) {
        return values.get(name);
    }

    String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    List<String> positional() {
        return positional;
    }

    int integer(String name, int fallback, int min, int max) throws UsageError {
        var value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageError("--" + name + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
    }
}
