package wabot.cli;

import java.nio.file.Path;
import java.util.Map;
import wabot.Config;
import wabot.ConfigException;
import wabot.LogLevel;
import wabot.Settings;
import wabot.conversation.Flow;
import wabot.flow.FlowException;
import wabot.flow.FlowLoader;

/**
 * What every command that runs wabot reads first: the settings (environment over {@code .env}), and the flow.
 * A bad setting or flow file ends the command with one line naming the variable, or the file, line and problem.
 */
final class Startup {
    /** A failure already explained in one line; the command exits with 2. */
    static final class Refused extends Exception {
        Refused(String line) {
            super(line);
        }
    }

    private Startup() {}

    /**
     * The raw settings: {@code .env} in the working directory, then the environment, then {@code overrides} on top
     * (a null value removes the variable).
     */
    static Map<String, String> settings(Map<String, String> environment, Map<String, String> overrides) throws Refused {
        try {
            var settings = new java.util.HashMap<>(Settings.load(environment, Path.of(".env")));
            overrides.forEach((name, value) -> {
                if (value == null) {
                    settings.remove(name);
                } else {
                    settings.put(name, value);
                }
            });
            // Before the first logger exists, so that a LOG_LEVEL from .env reaches logback.xml too.
            System.setProperty("LOG_LEVEL", LogLevel.parse(settings.get("LOG_LEVEL")));
            return settings;
        } catch (ConfigException e) {
            throw new Refused("wabot: bad setting: " + e.getMessage());
        }
    }

    static Config config(Map<String, String> settings) throws Refused {
        try {
            return Config.from(settings);
        } catch (ConfigException e) {
            throw new Refused("wabot: bad setting: " + e.getMessage());
        }
    }

    /** The flow at {@code file}, or the bundled one when it is null. */
    static Flow flow(Path file) throws Refused {
        try {
            return file == null ? FlowLoader.bundled() : FlowLoader.load(file);
        } catch (FlowException e) {
            throw new Refused("wabot: bad flow file: " + e.getMessage());
        }
    }
}
