package wabot.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Collects every log line of the process while open, for assertions on tags ({@code [API_ERROR]}) and on what
 * must never be logged (tokens). Lines read {@code LEVEL logger - message}.
 */
public final class LogCapture implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            var line = event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage();
            var thrown = event.getThrowableProxy();
            lines.add(thrown == null ? line : line + " | " + thrown.getClassName() + ": " + thrown.getMessage());
        }
    };

    private LogCapture() {
        appender.setName("test-capture");
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits until a line containing {@code fragment} is logged, and returns it. */
    public String await(String fragment) {
        return Await.value("a log line containing " + fragment, () -> lines.stream()
                .filter(l -> l.contains(fragment)).findFirst().orElse(null), line -> line != null);
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
