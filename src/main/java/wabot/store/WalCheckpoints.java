package wabot.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database from a thread and connection of its own. Left to
 * SQLite, the commit that crosses the log's size limit does the copy and its fsyncs, and every writer in the
 * group waits for it; here commits never do, and a passive checkpoint never blocks them either. The writer keeps
 * a high automatic limit as a backstop should this thread fall behind.
 */
final class WalCheckpoints implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WalCheckpoints.class);
    /**
     * Often, so that each checkpoint is small. Under load some commits wait 30 to 70 ms off the CPU while a
     * checkpoint writes and syncs what it copied (the disk, not SQLite's locks, holds them), and every turn in
     * flight waits behind that commit. At 200 ms the closed-50 benchmark's p99 was 48 to 58 ms; at 50 ms it is
     * 42 (and 20 ms cost more CPU than it saved).
     */
    private static final long EVERY_MILLIS = 50;

    private final Connection connection;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        var thread = new Thread(r, "wabot-wal-checkpoint");
        thread.setDaemon(true);
        return thread;
    });

    WalCheckpoints(Connection connection) {
        this.connection = connection;
        timer.scheduleWithFixedDelay(this::checkpoint, EVERY_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void checkpoint() {
        try (var statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException e) {
            // A busy database or a full disk: the next round tries again, and the writer's own limit still holds.
            log.warn("[STORE] WAL checkpoint failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            log.warn("[STORE] closing the checkpoint connection: {}", e.toString());
        }
    }
}
