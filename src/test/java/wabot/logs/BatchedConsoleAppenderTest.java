package wabot.logs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchedConsoleAppenderTest {
    /** A console whose first write waits for {@link #release}, counting the writes it gets. */
    private static final class Console extends OutputStream {
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        final AtomicInteger writes = new AtomicInteger();
        final CountDownLatch firstWriteStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (writes.getAndIncrement() == 0) {
                firstWriteStarted.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            text.write(b, off, len);
        }

        synchronized String[] lines() {
            return text.toString(StandardCharsets.UTF_8).split("\n");
        }
    }

    private final LoggerContext context = new LoggerContext();
    private final Console console = new Console();
    private final PrintStream stream = new PrintStream(console, true, StandardCharsets.UTF_8);

    private BatchedConsoleAppender appender(int queueSize) {
        context.setMDCAdapter(new LogbackMDCAdapter());
        var encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        var appender = new BatchedConsoleAppender(() -> stream);
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setQueueSize(queueSize);
        appender.start();
        var root = context.getLogger("ROOT");
        root.addAppender(appender);
        return appender;
    }

    @Test
    void whatQueuesWhileTheConsoleWritesGoesOutInOneWriteInOrder() throws Exception {
        var appender = appender(8192);
        var log = context.getLogger("wabot.test");
        log.info("line {}", 0);
        assertThat(console.firstWriteStarted.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= 100; i++) {
            log.info("line {}", i);
        }
        console.release.countDown();
        appender.stop();

        var expected = new ArrayList<String>();
        for (int i = 0; i <= 100; i++) {
            expected.add("line " + i);
        }
        assertThat(console.lines()).containsExactlyElementsOf(expected);
        assertThat(console.writes.get()).isEqualTo(2);
    }

    @Test
    void aFullQueueMakesTheLoggerWaitAndLosesNothing() throws Exception {
        var appender = appender(4);
        var log = context.getLogger("wabot.test");
        log.info("first");
        assertThat(console.firstWriteStarted.await(10, TimeUnit.SECONDS)).isTrue();
        var logger = new Thread(() -> {
            for (int i = 0; i < 50; i++) {
                log.info("queued {}", i);
            }
        });
        logger.start();
        // The writer is stuck in its first write, so the queue fills and the logging thread waits for room.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (logger.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(200);
        assertThat(logger.isAlive()).as("the logging thread waits for room").isTrue();
        assertThat(console.writes.get()).isEqualTo(1);
        console.release.countDown();
        logger.join(10_000);
        appender.stop();

        assertThat(console.lines()).hasSize(51).startsWith("first", "queued 0").endsWith("queued 49");
    }
}
