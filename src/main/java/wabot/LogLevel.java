package wabot;

import java.util.Locale;
import java.util.Set;

/** {@code LOG_LEVEL}: the level of wabot's own log lines. */
public final class LogLevel {
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    private LogLevel() {}

    public static String parse(String value) {
        if (value == null || value.isBlank()) {
            return "INFO";
        }
        var level = value.strip().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            throw new ConfigException("LOG_LEVEL", "must be one of TRACE, DEBUG, INFO, WARN, ERROR or OFF, got '" + value + "'");
        }
        return level;
    }
}
