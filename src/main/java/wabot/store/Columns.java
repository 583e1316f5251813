package wabot.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Nullable columns read by position. JDBC reads a NULL number as 0 and only {@link ResultSet#wasNull} tells, so
 * every nullable time (epoch milliseconds) and code is read here rather than with a getter and a check beside it.
 */
final class Columns {
    private Columns() {}

    /** An epoch-millisecond column as an instant; null for NULL. */
    static Instant instant(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    /** A whole-number column; null for NULL. */
    static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
