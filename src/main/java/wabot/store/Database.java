package wabot.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connection pool, the schema and the one way to write: {@link #write}. SQLite allows one writer at a
 * time, so on SQLite all writes go through one thread that commits them in groups, instead of spinning on
 * SQLITE_BUSY.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final GroupCommit groupCommit;
    private final WalCheckpoints checkpoints;

    private final int shippedSchema;

    private Database(HikariDataSource pool, GroupCommit groupCommit, WalCheckpoints checkpoints, int shippedSchema) {
        this.pool = pool;
        this.shippedSchema = shippedSchema;
        this.checkpoints = checkpoints;
        this.jdbi = Jdbi.create(pool);
        this.groupCommit = groupCommit;
    }

    /** Opens the database at a JDBC URL, creating SQLite's folder, and migrates it to the current schema. */
    public static Database open(String url) {
        return open(url, null);
    }

    /** Like {@link #open(String)}, with the pool's meters (connections, waits, timeouts) in {@code meters}. */
    public static Database open(String url, MeterRegistry meters) {
        boolean sqlite = url.startsWith("jdbc:sqlite:");
        var config = new HikariConfig();
        config.setPoolName("wabot");
        if (meters != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        }
        var sqliteSource = sqlite ? sqliteSource(url) : null;
        if (sqlite) {
            config.setDataSource(sqliteSource);
            config.setMaximumPoolSize(4);
        } else {
            config.setJdbcUrl(url);
            config.setMaximumPoolSize(16);
        }
        var pool = new HikariDataSource(config);
        try {
            int schema = migrate(pool, sqlite);
            if (!sqlite) {
                return new Database(pool, null, null, schema);
            }
            var writer = sqliteSource.getConnection();
            try (var statement = writer.createStatement()) {
                // A backstop only: WalCheckpoints keeps the log far below this (64 MiB of 4 KiB pages).
                statement.execute("PRAGMA wal_autocheckpoint = 16384");
                // The writer also runs the hot reads, so it gets the large page cache: 32 MiB keeps the index
                // pages of a store with millions of sessions in memory.
                statement.execute("PRAGMA cache_size = -32768");
            }
            return new Database(pool, new GroupCommit(writer), new WalCheckpoints(sqliteSource.getConnection()), schema);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        } catch (SQLException e) {
            pool.close();
            throw new IllegalStateException("cannot open the database's writer connection: " + e.getMessage(), e);
        }
    }

    private static SQLiteDataSource sqliteSource(String url) {
        var file = url.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", "");
        if (!file.isEmpty() && !file.startsWith(":memory:") && !file.startsWith("file:")) {
            var parent = Path.of(file).toAbsolutePath().getParent();
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create the database folder " + parent + ": " + e.getMessage(), e);
            }
        }
        var config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // In WAL mode NORMAL keeps every commit atomic and durable across a process crash; only an OS crash
        // or power loss can roll back the last commits.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        // Pooled readers serve the operator and the pollers, not the hot path: 4 MiB of page cache each.
        config.setCacheSize(-4 * 1024);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        var source = new SQLiteDataSource(config);
        source.setUrl(url);
        return source;
    }

    /** Migrates to the schema this build ships and returns its version (V2__... is 2). */
    private static int migrate(DataSource source, boolean sqlite) {
        var flyway = Flyway.configure()
                .dataSource(source)
                .locations("classpath:db/migration")
                .placeholders(Map.of("row_id", sqlite
                        ? "INTEGER PRIMARY KEY"
                        : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"))
                .load();
        flyway.migrate();
        var all = flyway.info().all();
        return Integer.parseInt(all[all.length - 1].getVersion().getVersion());
    }

    /** The schema version this build ships and migrated to at start; see {@link Schema#applied}. */
    public int shippedSchema() {
        return shippedSchema;
    }

    /** True on SQLite, whose writes go through one queue and commit in groups, in the order they were submitted. */
    public boolean isSqlite() {
        return groupCommit != null;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Runs {@code work} atomically and returns once it is committed. On SQLite it may share its transaction
     * with other writers' work (see {@link GroupCommit}), so it must not start another write.
     */
    public <R, X extends Exception> R write(HandleCallback<R, X> work) throws X {
        return isSqlite() ? groupCommit.write(work) : jdbi.inTransaction(work);
    }

    /**
     * Queues {@code work} behind the writes already queued, without waiting: on SQLite consecutive submits land in
     * one commit, in order. Only SQLite has the queue.
     */
    public <R> CompletableFuture<R> submit(HandleCallback<R, ?> work) {
        return queue().submit(work, false);
    }

    /** Like {@link #submit}, but ahead of every queued write that is not urgent: a webhook's 200 waits on it. */
    public <R> CompletableFuture<R> submitUrgent(HandleCallback<R, ?> work) {
        return queue().submit(work, true);
    }

    private GroupCommit queue() {
        if (groupCommit == null) {
            throw new IllegalStateException("only SQLite's writes are queued");
        }
        return groupCommit;
    }

    /** Queued writes that are not urgent (SQLite; always 0 elsewhere): how far the conversations lag intake. */
    public int backlog() {
        return groupCommit == null ? 0 : groupCommit.backlog();
    }

    /**
     * A small hot read, on SQLite run by the writer on its own connection: its page cache is warm and its
     * statements are prepared, where a pooled reader must re-read every page the writer changed since its last
     * use. It sees every write committed before it. Elsewhere a plain read.
     */
    public <R, X extends Exception> R readLatest(HandleCallback<R, X> work) throws X {
        return isSqlite() ? groupCommit.write(work) : jdbi.withHandle(work);
    }

    /** Reads outside any write lock. */
    public <R, X extends Exception> R read(HandleCallback<R, X> work) throws X {
        return jdbi.withHandle(work);
    }

    @Override
    public void close() {
        if (groupCommit != null) {
            groupCommit.close();
            checkpoints.close();
        }
        pool.close();
    }


}
