package wabot.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wabot.store.Backlog;
import wabot.store.Database;

/**
 * The inbox and outbox backlog as gauges, read from the database every few seconds, so that they tell the truth
 * across several instances, and a scrape never waits on a query.
 */
public final class BacklogMeters implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BacklogMeters.class);
    private static final Backlog.Pending NONE = new Backlog.Pending(0, null);
    private final Periodic timer = new Periodic("wabot-backlog-meters");
    private final Database db;
    private final Backlog backlog;
    private final Clock clock;
    private final AtomicReference<Backlog.Pending> inbox = new AtomicReference<>(NONE);
    private final AtomicReference<Backlog.Pending> outbox = new AtomicReference<>(NONE);

    public BacklogMeters(Database db, Backlog backlog, MeterRegistry registry, Clock clock) {
        this.db = db;
        this.backlog = backlog;
        this.clock = clock;
        register(registry, "inbox", inbox, "messages stored and not yet taken by a turn");
        register(registry, "outbox", outbox, "replies waiting to be sent");
    }

    public void start(Duration every) {
        timer.every(Duration.ZERO, every, this::refresh);
    }

    void refresh() {
        try {
            inbox.set(db.read(backlog::inbox));
            outbox.set(db.read(backlog::outbox));
        } catch (RuntimeException e) {
            log.warn("[METRICS] backlog not read: {}", e.toString());
        }
    }

    private void register(MeterRegistry registry, String table, AtomicReference<Backlog.Pending> pending, String what) {
        Gauge.builder("wabot." + table + ".pending", pending, p -> p.get().count()).description(what).register(registry);
        Gauge.builder("wabot." + table + ".oldest.pending.age.seconds", pending, p -> {
            var oldest = p.get().oldest();
            return oldest == null ? 0 : Math.max(0, clock.millis() - oldest.toEpochMilli()) / 1000.0;
        }).description("age of the oldest of the " + what).register(registry);
    }

    @Override
    public void close() {
        timer.close();
    }
}
