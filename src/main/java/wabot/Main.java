package wabot;

import java.nio.file.Path;
import wabot.conversation.Flow;
import wabot.flow.FlowException;
import wabot.flow.FlowLoader;

/** {@code java -jar wabot.jar}: read the settings and the flow, then serve until stopped. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Config config;
        Flow flow;
        try {
            var settings = Settings.load(System.getenv(), Path.of(".env"));
            // Before the first logger exists, so that a LOG_LEVEL from .env reaches logback.xml too.
            System.setProperty("LOG_LEVEL", LogLevel.parse(settings.get("LOG_LEVEL")));
            config = Config.from(settings);
            flow = config.flowFile() == null ? FlowLoader.bundled() : FlowLoader.load(config.flowFile());
        } catch (ConfigException e) {
            System.err.println("wabot: bad setting: " + e.getMessage());
            System.exit(2);
            return;
        } catch (FlowException e) {
            System.err.println("wabot: bad flow file: " + e.getMessage());
            System.exit(2);
            return;
        }
        var wabot = Wabot.start(config, flow);
        Runtime.getRuntime().addShutdownHook(new Thread(wabot::close, "wabot-shutdown"));
    }
}
