package wabot.delivery;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wabot.store.ConversationStore;
import wabot.store.Database;
import wabot.store.Retention;

/**
 * Periodically expires idle sessions' working state and deletes records past the retention period (hourly), and
 * marks conversations abandoned once their person has been silent for the session TTL (every 15 s, so the
 * console's "abandoned today" is current).
 */
public final class Housekeeping implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    private final Periodic timer = new Periodic("wabot-housekeeping");
    private final Database db;
    private final Retention retention;
    private final ConversationStore conversations;
    private final Duration sessionTtl;
    private final Duration keep;
    private final Clock clock;

    public Housekeeping(Database db, Retention retention, ConversationStore conversations, Duration sessionTtl,
                        Duration keep, Clock clock) {
        this.conversations = conversations;
        this.db = db;
        this.retention = retention;
        this.sessionTtl = sessionTtl;
        this.keep = keep;
        this.clock = clock;
    }

    public void start(Duration every) {
        timer.every(every, every, this::runOnce);
        timer.every(Duration.ofSeconds(5), Duration.ofSeconds(15), this::abandonIdle);
    }

    /** Ends as abandoned the conversations idle past the session TTL; returns how many. */
    public int abandonIdle() {
        try {
            int abandoned = db.write(h -> conversations.abandonIdle(h, clock.instant(), sessionTtl));
            if (abandoned > 0) {
                log.info("[SESSION] {} conversations abandoned: no answer for {}", abandoned, sessionTtl);
            }
            return abandoned;
        } catch (RuntimeException e) {
            log.error("[CLEANUP] abandoning idle conversations failed: {}", e.toString());
            return 0;
        }
    }

    /** One full pass; returns the number of rows deleted or cleared. */
    public int runOnce() {
        try {
            var now = clock.instant();
            var idle = now.minus(sessionTtl);
            var old = now.minus(keep);
            int total = 0;
            int step;
            do {
                step = db.write(h -> retention.dropEndedSessions(h, idle));
                total += step;
            } while (step == Retention.BATCH);
            total += db.write(h -> retention.clearExpiredWork(h, idle));
            do {
                step = db.write(h -> retention.purge(h, old));
                total += step;
            } while (step > 0);
            if (total > 0) {
                log.info("[CLEANUP] removed or cleared {} rows", total);
            }
            return total;
        } catch (RuntimeException e) {
            log.error("[CLEANUP] failed: {}", e.toString());
            return 0;
        }
    }

    @Override
    public void close() {
        timer.close();
    }
}
