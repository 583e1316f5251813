package wabot.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private final boolean sqlite;
    private final GroupCommit groupCommit;

    private Database(HikariDataSource pool, boolean sqlite) {
        this.pool = pool;
        this.sqlite = sqlite;
        this.jdbi = Jdbi.create(pool);
        this.groupCommit = sqlite ? new GroupCommit(jdbi) : null;
    }

    /** Opens the database at a JDBC URL, creating SQLite's folder, and migrates it to the current schema. */
    public static Database open(String url) {
        boolean sqlite = url.startsWith("jdbc:sqlite:");
        var config = new HikariConfig();
        config.setPoolName("wabot");
        if (sqlite) {
            config.setDataSource(sqliteSource(url));
            config.setMaximumPoolSize(4);
        } else {
            config.setJdbcUrl(url);
            config.setMaximumPoolSize(16);
        }
        var pool = new HikariDataSource(config);
        try {
            migrate(pool, sqlite);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool, sqlite);
    }

    private static DataSource sqliteSource(String url) {
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
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        var source = new SQLiteDataSource(config);
        source.setUrl(url);
        return source;
    }

    private static void migrate(DataSource source, boolean sqlite) {
        Flyway.configure()
                .dataSource(source)
                .locations("classpath:db/" + (sqlite ? "sqlite" : "postgresql"))
                .load()
                .migrate();
    }

    public boolean isSqlite() {
        return sqlite;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Runs {@code work} atomically and returns once it is committed. On SQLite it may share its transaction
     * with other writers' work (see {@link GroupCommit}), so it must not start another write.
     */
    public <R, X extends Exception> R write(HandleCallback<R, X> work) throws X {
        return sqlite ? groupCommit.write(work) : jdbi.inTransaction(work);
    }

    /** Reads outside any write lock. */
    public <R, X extends Exception> R read(HandleCallback<R, X> work) throws X {
        return jdbi.withHandle(work);
    }

    @Override
    public void close() {
        if (groupCommit != null) {
            groupCommit.close();
        }
        pool.close();
    }


}
