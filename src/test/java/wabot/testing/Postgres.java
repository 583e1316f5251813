package wabot.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import wabot.store.Database;

/**
 * One real PostgreSQL server for every test in the JVM, and a fresh database from it for each test. Starting the
 * server is the slow part (seconds), so the first test that needs it starts it and the others share it; they
 * cannot disturb one another, since each works in a database of its own. The server stops, and its files go, when
 * the JVM exits (EmbeddedPostgres' shutdown hook). A migrated database is cloned from a template migrated once,
 * which is several times faster than running Flyway against an empty one every time.
 */
public final class Postgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Postgres shared;
    private final EmbeddedPostgres server;
    private String template;

    private Postgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** The JVM's server, started on first use. */
    public static synchronized Postgres shared() {
        if (shared == null) {
            shared = new Postgres(start());
        }
        return shared;
    }

    private static EmbeddedPostgres start() {
        try {
            // Durability is irrelevant in tests, and CREATE DATABASE forces a checkpoint: without fsync it is cheap.
            return EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setRegisterShutdownHook(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /**
     * Creates an empty database and returns its JDBC URL in the form DATABASE_URL takes, with the credentials
     * as URL parameters.
     */
    public String emptyDatabaseUrl() {
        return create("wabot_" + DATABASES.incrementAndGet(), "template1");
    }

    /** Creates a database already migrated to wabot's current schema and returns its JDBC URL. */
    public synchronized String migratedDatabaseUrl() {
        if (template == null) {
            var url = emptyDatabaseUrl();
            Database.open(url).close();
            template = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
        }
        return create("wabot_" + DATABASES.incrementAndGet(), template);
    }

    private String create(String name, String from) {
        for (int attempt = 1; ; attempt++) {
            try (var connection = server.getPostgresDatabase().getConnection();
                 var statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name + " TEMPLATE " + from);
                return "jdbc:postgresql://localhost:" + server.getPort() + "/" + name
                        + "?user=postgres&password=postgres";
            } catch (SQLException e) {
                // A template must have no sessions; the pool that migrated it may take a moment to disconnect.
                if (!"55006".equals(e.getSQLState()) || attempt == 50) {
                    throw new IllegalStateException("cannot create database " + name, e);
                }
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
