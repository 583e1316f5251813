package wabot.logs;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The console log, written by one thread in batches: a logging thread only queues its event, without waking
 * anyone, and the writer looks every 20 ms, encodes whatever has queued and hands it to stdout in one write.
 * Logback's AsyncAppender in front of its ConsoleAppender woke its thread for every line and wrote and flushed each
 * alone; on SQLite's writer thread, which logs a turn's tagged INFO lines, that cost a sixth of a turn's CPU
 * (bench/README.md).
 *
 * <p>A full queue makes the logging thread wait, so nothing is dropped; a {@code kill -9} loses what is queued (at
 * most the last 20 ms), as with any asynchronous appender. The message is formatted on the writer's thread, from arguments that wabot only
 * ever gives as immutable values (ids, numbers, strings).
 */
public final class BatchedConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    /** The most lines written at once, so one write stays a few hundred kilobytes at most. */
    private static final int BATCH = 512;

    private Encoder<ILoggingEvent> encoder;
    private String target = "System.out";
    private int queueSize = 8192;
    /** How often the writer looks for lines: the most a line waits before it is written. */
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Queue<ILoggingEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private Thread writer;
    private volatile boolean stopping;
    private final Supplier<PrintStream> console;

    public BatchedConsoleAppender() {
        this(null);
    }

    /** Writes to {@code console} instead of the target (tests). */
    BatchedConsoleAppender(Supplier<PrintStream> console) {
        this.console = console;
    }

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    /** {@code System.out} (the default) or {@code System.err}. */
    public void setTarget(String target) {
        this.target = target;
    }

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder for appender " + name);
            return;
        }
        if (!"System.out".equals(target) && !"System.err".equals(target)) {
            addWarn("target '" + target + "' is neither System.out nor System.err; using System.out");
            target = "System.out";
        }
        writer = new Thread(this::write, "wabot-log");
        writer.setDaemon(true);
        super.start();
        writer.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        // What the writer's thread cannot know later: the thread's name, and its MDC.
        event.getThreadName();
        event.getMDCPropertyMap();
        // Only a full queue wakes the writer: a wake-up per line (a system call on the logging thread) was most of
        // what logging cost.
        while (queued.get() >= queueSize && isStarted()) {
            LockSupport.unpark(writer);
            LockSupport.parkNanos(100_000);
        }
        queued.incrementAndGet();
        queue.add(event);
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        stopping = true;
        LockSupport.unpark(writer);
        try {
            writer.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write() {
        var bytes = new ByteArrayOutputStream(64 * 1024);
        while (true) {
            int lines = 0;
            ILoggingEvent event;
            while (lines < BATCH && (event = queue.poll()) != null) {
                bytes.writeBytes(encoder.encode(event));
                lines++;
            }
            if (lines > 0) {
                queued.addAndGet(-lines);
                var out = stream();
                out.write(bytes.toByteArray(), 0, bytes.size());
                out.flush();
                bytes.reset();
            } else if (stopping) {
                return;
            } else {
                LockSupport.parkNanos(PERIOD_NANOS);
            }
        }
    }

    /** Looked up at each write, like logback's own console appender, so that a replaced System.out is followed. */
    private PrintStream stream() {
        if (console != null) {
            return console.get();
        }
        return "System.err".equals(target) ? System.err : System.out;
    }
}
