package wabot.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import wabot.Wabot;

/**
 * {@code java -jar wabot.jar [serve]}: the service. Reads the settings and the flow (or the numbers file and their
 * flows), then serves until stopped.
 */
final class Serve {
    static final String USAGE = """
            Usage: java -jar wabot.jar [serve]

            Runs the service: the webhook for Meta, the operator endpoints, the simulator, until stopped.
            Every setting comes from the environment or .env (see .env.example).""";

    private Serve() {}

    static int run(List<String> args, Map<String, String> environment) throws UsageError, Startup.Refused {
        var flags = Flags.parse(args, Set.of(), Set.of());
        if (!flags.positional().isEmpty()) {
            throw new UsageError("unexpected argument '" + flags.positional().get(0) + "'");
        }
        var settings = Startup.settings(environment, Map.of());
        var config = Startup.config(settings);
        var wabot = Wabot.start(config, Startup.numbers(config, settings));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            wabot.close();
            // The console log is written by a thread of its own: its last lines go out before the process ends.
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logs) {
                logs.stop();
            }
        }, "wabot-shutdown"));
        return -1; // keep running: the server's threads hold the process
    }
}
