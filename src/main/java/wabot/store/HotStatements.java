package wabot.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.jdbi.v3.core.Handle;

/**
 * The statements every turn runs, in plain JDBC. On SQLite they all run on the one writer thread, where Jdbi's own
 * work per statement (its context, argument lookup and result iteration) cost as much as a fifth of the writer: here
 * a statement is bound by position and executed, nothing more. On the writer they are prepared once (see
 * {@link CachedStatements#plain}); elsewhere each is prepared for its use and closed.
 */
final class HotStatements {
    /** Binds a statement's parameters, by position. */
    @FunctionalInterface
    interface Parameters {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private HotStatements() {}

    /** Runs an INSERT, UPDATE or DELETE; returns the rows it changed. */
    static int update(Handle h, String sql, Parameters parameters) {
        return (int) run(h, sql, parameters, PreparedStatement::executeUpdate);
    }

    /** Runs an INSERT ... RETURNING id; returns the id, or -1 when it inserted nothing (ON CONFLICT DO NOTHING). */
    static long insertReturningId(Handle h, String sql, Parameters parameters) {
        return run(h, sql, parameters, HotStatements::firstId);
    }

    @FunctionalInterface
    private interface Execution {
        long execute(PreparedStatement statement) throws SQLException;
    }

    private static long run(Handle h, String sql, Parameters parameters, Execution execution) {
        try {
            var cached = cached(h, sql);
            if (cached != null) {
                parameters.bind(cached);
                return execution.execute(cached);
            }
            try (var statement = h.getConnection().prepareStatement(sql)) {
                parameters.bind(statement);
                return execution.execute(statement);
            }
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    static void text(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    static void number(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static long firstId(PreparedStatement statement) throws SQLException {
        try (var rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : -1;
        }
    }

    private static PreparedStatement cached(Handle h, String sql) throws SQLException {
        return h.getStatementBuilder() instanceof CachedStatements statements
                ? statements.plain(h.getConnection(), sql)
                : null;
    }

    private static IllegalStateException failed(String sql, SQLException e) {
        var first = sql.strip().lines().findFirst().orElse(sql);
        return new IllegalStateException("statement failed (" + first + "...): " + e.getMessage(), e);
    }
}
