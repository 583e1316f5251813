package wabot.store;

import java.sql.Connection;
import java.sql.SQLException;
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
    static final long EVERY_MILLIS = 200;

    private final Connection connection;
    private final Thread thread;
    private volatile boolean open = true;

    WalCheckpoints(Connection connection) {
        this.connection = connection;
        this.thread = new Thread(this::loop, "wabot-wal-checkpoint");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try (connection) {
            while (open) {
                TimeUnit.MILLISECONDS.sleep(EVERY_MILLIS);
                checkpoint();
            }
        } catch (InterruptedException e) {
            // closing
        } catch (SQLException e) {
            log.warn("[STORE] checkpoint connection: {}", e.toString());
        }
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
        open = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
