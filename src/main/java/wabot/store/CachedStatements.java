package wabot.store;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps every statement the SQLite writer prepares, for the life of its connection. SQLite compiles a statement
 * on each prepare, and a turn runs the same dozen statements over and over: compiling them once takes that cost
 * off the one thread every write waits for. Used by one thread only, on a connection no pool hands out.
 */
final class CachedStatements implements StatementBuilder {
    private record Key(String sql, boolean generatedKeys) {}

    private final StatementBuilder fresh = new DefaultStatementBuilder();
    private final Map<Key, PreparedStatement> prepared = new HashMap<>();
    private final Set<Statement> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, PreparedStatement> plain = new HashMap<>();

    /** The writer's statement for {@code sql} outside Jdbi (see {@link HotStatements}): prepared once, cleared. */
    PreparedStatement plain(Connection conn, String sql) throws SQLException {
        var statement = plain.get(sql);
        if (statement == null) {
            statement = conn.prepareStatement(sql);
            plain.put(sql, statement);
        } else {
            statement.clearParameters();
        }
        return statement;
    }

    @Override
    public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
        var key = new Key(sql, ctx.isReturningGeneratedKeys());
        var statement = prepared.get(key);
        if (statement == null) {
            statement = fresh.create(conn, sql, ctx);
            prepared.put(key, statement);
            kept.add(statement);
        }
        return statement;
    }

    @Override
    public void close(Connection conn, String sql, Statement statement) throws SQLException {
        if (kept.contains(statement)) {
            var reused = (PreparedStatement) statement;
            // Kept for the next use; only its parameters go, so that no value leaks into the next execution.
            reused.clearParameters();
            reused.clearBatch();
        } else {
            statement.close();
        }
    }

    @Override
    public Statement create(Connection conn, StatementContext ctx) throws SQLException {
        return fresh.create(conn, ctx);
    }

    @Override
    public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
        return fresh.createCall(conn, sql, ctx);
    }

    @Override
    public void close(Connection conn) {
        for (var statement : plain.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // As below.
            }
        }
        plain.clear();
        for (var statement : prepared.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // The connection closes next, and with it whatever the statement held.
            }
        }
        prepared.clear();
        kept.clear();
    }
}
