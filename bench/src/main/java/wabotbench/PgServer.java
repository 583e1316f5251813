package wabotbench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The PostgreSQL pass's database: a real PostgreSQL server (embedded: zonky's binaries, run as a child process),
 * durable as in production (fsync and synchronous_commit on, which zonky turns off by default), with
 * pg_stat_statements loaded so each run can count the statements a turn costs. One server per pass, a fresh
 * database per run.
 */
final class PgServer implements AutoCloseable {
    private final EmbeddedPostgres server;
    private final Path dataDir;
    private int databases;

    private PgServer(EmbeddedPostgres server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    static PgServer start(Path dataDir, Path log) throws IOException {
        var redirect = ProcessBuilder.Redirect.appendTo(log.toFile());
        return new PgServer(EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setOutputRedirector(redirect)
                .setErrorRedirector(redirect)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "all")
                .setServerConfig("pg_stat_statements.max", "1000")
                .start(), dataDir);
    }

    /** The postmaster, as its data folder records it: with its children, the server's CPU. */
    long pid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
    }

    /** A new empty database with pg_stat_statements, as wabot's DATABASE_URL. */
    String createDatabase() throws SQLException {
        var name = "bench_" + (++databases);
        try (var c = server.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        var url = "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + name + "?user=postgres&password=postgres";
        try (var c = DriverManager.getConnection(url); var s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        return url;
    }

    /** The server's version and the settings that decide what a commit costs. */
    String describe() throws SQLException {
        try (var c = server.getPostgresDatabase().getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT current_setting('server_version'), current_setting('fsync'), "
                     + "current_setting('synchronous_commit'), current_setting('shared_buffers'), "
                     + "current_setting('wal_level')")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1) + " (embedded), fsync " + rs.getString(2) + ", synchronous_commit "
                    + rs.getString(3) + ", shared_buffers " + rs.getString(4) + ", wal_level " + rs.getString(5);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
