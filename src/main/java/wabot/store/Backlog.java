package wabot.store;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * How much work waits in the database, whichever instance wrote it: pending messages and replies, and when the
 * oldest of each arrived. Both read the partial indexes on pending rows, so they stay cheap on a large store.
 */
public final class Backlog {

    /** Pending rows of one table, and the time of the oldest; null when there is none. */
    public record Pending(long count, Instant oldest) {}

    public Pending inbox(Handle h) {
        return pending(h, "SELECT COUNT(*), MIN(received_at) FROM inbox WHERE status = 'pending'");
    }

    public Pending outbox(Handle h) {
        return pending(h, "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE status = 'pending'");
    }

    private static Pending pending(Handle h, String sql) {
        return h.createQuery(sql).map((rs, ctx) -> new Pending(rs.getLong(1), Columns.instant(rs, 2))).one();
    }
}
