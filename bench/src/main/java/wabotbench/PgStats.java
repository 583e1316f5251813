package wabotbench;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What PostgreSQL did for the bot over a window, from its own statistics: transactions (pg_stat_database), rows
 * read and written, WAL bytes (pg_current_wal_lsn), and every statement with its calls (pg_stat_statements), which
 * gives statements and round trips per turn, and the growth of the database on disk. pgjdbc sends a transaction's BEGIN in the same round trip as its first
 * statement, so a round trip is a statement or the COMMIT (or ROLLBACK) that ends each BEGIN; pg_stat_statements does
 * not see pgjdbc's COMMITs, so they are counted as the BEGINs. The queries the bench itself runs here are left out.
 */
final class PgStats {
    /** Counters at one instant. */
    record Snapshot(Map<String, Long> database, long walBytes, long databaseBytes, Map<String, long[]> statements,
                    Map<String, long[]> tables) {}

    private static final String[] DATABASE_COUNTERS = {"xact_commit", "xact_rollback", "tup_returned", "tup_fetched",
        "tup_inserted", "tup_updated", "tup_deleted", "blks_read", "blks_hit"};

    private PgStats() {}

    static Snapshot take(String url) throws SQLException {
        try (var c = DriverManager.getConnection(url); var s = c.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            var database = new LinkedHashMap<String, Long>();
            try (var rs = s.executeQuery("SELECT " + String.join(", ", DATABASE_COUNTERS)
                    + " FROM pg_stat_database WHERE datname = current_database()")) {
                rs.next();
                for (var counter : DATABASE_COUNTERS) {
                    database.put(counter, rs.getLong(counter));
                }
            }
            long wal;
            long size;
            try (var rs = s.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint, "
                    + "pg_database_size(current_database())")) {
                rs.next();
                wal = rs.getLong(1);
                size = rs.getLong(2);
            }
            var statements = new HashMap<String, long[]>();
            try (var rs = s.executeQuery("SELECT query, calls, rows FROM pg_stat_statements s "
                    + "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database()")) {
                while (rs.next()) {
                    var query = rs.getString(1).replaceAll("\\s+", " ").strip();
                    if (query.contains("pg_stat") || query.contains("pg_current_wal_lsn")) {
                        continue;
                    }
                    statements.merge(query, new long[] {rs.getLong(2), rs.getLong(3)},
                            (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
                }
            }
            // Per table: sequential scans and the rows they read, index scans and the rows they fetched.
            var tables = new HashMap<String, long[]>();
            try (var rs = s.executeQuery("SELECT relname, seq_scan, seq_tup_read, COALESCE(idx_scan, 0), "
                    + "COALESCE(idx_tup_fetch, 0) FROM pg_stat_user_tables")) {
                while (rs.next()) {
                    tables.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                }
            }
            // Per index: its scans and the entries they read, which says which plan a hot query got.
            try (var rs = s.executeQuery("SELECT indexrelname, idx_scan, idx_tup_read, idx_tup_fetch "
                    + "FROM pg_stat_user_indexes")) {
                while (rs.next()) {
                    tables.put("index " + rs.getString(1), new long[] {0, 0, rs.getLong(2), rs.getLong(3)});
                }
            }
            return new Snapshot(database, wal, size, statements, tables);
        }
    }

    /** The window's costs divided by {@code turns}, with the statements that cost most. */
    static Json perTurn(Snapshot before, Snapshot after, double turns) {
        var json = Json.object();
        before.database().forEach((counter, value) -> json.put(counter, (after.database().get(counter) - value) / turns));
        json.put("wal_bytes", (after.walBytes() - before.walBytes()) / turns);
        // Tables and indexes grow by whole pages, and free space is reused: over a window of thousands of turns this
        // is what the stored rows cost, kept until the retention period ends.
        json.put("database_bytes", (after.databaseBytes() - before.databaseBytes()) / turns);
        double statements = 0;
        double commits = 0;
        double begins = 0;
        var calls = new HashMap<String, Double>();
        for (var entry : after.statements().entrySet()) {
            var previous = before.statements().getOrDefault(entry.getKey(), new long[2]);
            double n = (entry.getValue()[0] - previous[0]) / turns;
            if (n <= 0) {
                continue;
            }
            var verb = entry.getKey().split(" ")[0].toUpperCase();
            switch (verb) {
                case "BEGIN", "START" -> begins += n;
                case "COMMIT", "ROLLBACK", "END" -> commits += n;
                default -> {
                    statements += n;
                    calls.put(entry.getKey(), n);
                }
            }
        }
        json.put("statements", statements).put("begins", begins).put("round_trips", statements + Math.max(begins, commits));
        var top = new LinkedHashMap<String, Object>();
        calls.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(25).forEach(e -> top.put(e.getKey().length() > 160 ? e.getKey().substring(0, 160) + "…"
                        : e.getKey(), Math.round(e.getValue() * 1000) / 1000.0));
        json.put("top_statements", top);
        var tables = new LinkedHashMap<String, Object>();
        after.tables().forEach((table, counts) -> {
            var previous = before.tables().getOrDefault(table, new long[4]);
            var names = new String[] {"seq_scans", "seq_rows", "index_scans", "index_rows"};
            var per = new LinkedHashMap<String, Object>();
            for (int i = 0; i < names.length; i++) {
                per.put(names[i], Math.round((counts[i] - previous[i]) / turns * 1000) / 1000.0);
            }
            tables.put(table, per);
        });
        json.put("tables", tables);
        return json;
    }
}
