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
import wabot.flow.NumbersLoader;
import wabot.numbers.BusinessNumbers;

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

    /**
     * The numbers to serve: those of {@code NUMBERS_FILE}, each with its flow, or else the single number of the
     * settings with the flow of {@code FLOW_FILE}.
     */
    static BusinessNumbers numbers(Config config, Map<String, String> settings) throws Refused {
        return numbers(config, settings, true);
    }

    /** @param checkTokens false where no reply goes to WhatsApp (the chat): a token that is not set means a dry run */
    static BusinessNumbers numbers(Config config, Map<String, String> settings, boolean checkTokens) throws Refused {
        if (config.numbersFile() == null) {
            return BusinessNumbers.single(config, flow(config.flowFile()));
        }
        try {
            return NumbersLoader.load(config.numbersFile(), settings,
                    new NumbersLoader.Defaults(config.externalApiUrl(), config.sendRatePerSecond(), checkTokens));
        } catch (FlowException e) {
            throw new Refused("wabot: bad numbers file: " + e.getMessage());
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
