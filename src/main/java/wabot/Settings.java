package wabot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Raw settings: the optional {@code .env} file, overridden by the real environment. */
public final class Settings {
    private Settings() {}

    public static Map<String, String> load(Map<String, String> environment, Path dotEnv) {
        var merged = new HashMap<String, String>();
        if (Files.isRegularFile(dotEnv)) {
            try {
                merged.putAll(parse(Files.readString(dotEnv)));
            } catch (IOException e) {
                throw new ConfigException(dotEnv.toString(), "cannot be read: " + e.getMessage());
            }
        }
        merged.putAll(environment);
        return merged;
    }

    static Map<String, String> parse(String text) {
        var values = new HashMap<String, String>();
        for (var raw : text.split("\\R")) {
            var line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            var key = line.substring(0, eq).strip();
            var value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            } else {
                int comment = value.indexOf(" #");
                value = comment >= 0 ? value.substring(0, comment).strip() : value;
            }
            values.put(key, value);
        }
        return values;
    }
}
