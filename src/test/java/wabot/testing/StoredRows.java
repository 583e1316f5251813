package wabot.testing;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/**
 * Reads the bot's SQLite file directly, read-only, for what the debug endpoints cannot show: rows of people who
 * have no session (a message that was never stored, a session that was cleaned up) and raw columns such as
 * {@code extra_questions}. Each call opens its own connection, so it is safe while the bot is running.
 */
public final class StoredRows {
    private StoredRows() {}

    /** {@code SELECT COUNT(*) FROM <table> [WHERE <where>]} with positional {@code ?} arguments. */
    public static long count(Path database, String table, String where, Object... args) {
        var sql = "SELECT COUNT(*) AS n FROM " + table + (where == null ? "" : " WHERE " + where);
        return ((Number) query(database, sql, args).get(0).get("n")).longValue();
    }

    /** Every row of a query as column name to value, in the order returned. */
    public static List<Map<String, Object>> query(Path database, String sql, Object... args) {
        var config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath(),
                config.toProperties());
             var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            var rows = new ArrayList<Map<String, Object>>();
            try (var result = statement.executeQuery()) {
                var meta = result.getMetaData();
                while (result.next()) {
                    var row = new LinkedHashMap<String, Object>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c), result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError("cannot read " + database + ": " + sql + ": " + e.getMessage(), e);
        }
    }
}
