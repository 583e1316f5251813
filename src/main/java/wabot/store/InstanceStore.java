package wabot.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The running instances that share a database, each with the last time it said it was alive. Claims on replies and
 * submissions name their instance, so the claims of an instance that fell silent can be released at once.
 * Heartbeats are stamped and judged with the database's clock ({@link #now}), so instances on hosts whose clocks
 * disagree still agree on who is alive.
 */
public final class InstanceStore {

    /** A running instance, or one that was running until {@code heartbeatAt}. */
    public record Instance(String id, String host, long pid, Instant startedAt, Instant heartbeatAt) {
        /** How the logs name it: host and pid first, the id for the database. */
        @Override
        public String toString() {
            return host + "/" + pid + " (" + id + ")";
        }
    }

    /** The database's current time: every instance reads the same clock. */
    public Instant now(Handle h) {
        boolean postgres;
        try {
            postgres = h.getConnection().getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell the database's dialect: " + e.getMessage(), e);
        }
        // clock_timestamp(), not now(): now() is the start of the transaction, which may have begun a while ago.
        var sql = postgres ? "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)"
                : "SELECT CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
        return Instant.ofEpochMilli(h.createQuery(sql).mapTo(Long.class).one());
    }

    /** Records an instance as alive at {@code instance.heartbeatAt()}; again, if it was already recorded. */
    public void register(Handle h, Instance instance) {
        h.createUpdate("""
                        INSERT INTO instances (id, host, pid, started_at, heartbeat_at)
                        VALUES (:id, :host, :pid, :started, :beat)
                        ON CONFLICT (id) DO UPDATE SET heartbeat_at = :beat""")
                .bind("id", instance.id()).bind("host", instance.host()).bind("pid", instance.pid())
                .bind("started", instance.startedAt().toEpochMilli())
                .bind("beat", instance.heartbeatAt().toEpochMilli())
                .execute();
    }

    /** Says the instance is alive at {@code now}; false if it is no longer recorded (others thought it dead). */
    public boolean beat(Handle h, String id, Instant now) {
        return h.createUpdate("UPDATE instances SET heartbeat_at = :now WHERE id = :id")
                .bind("id", id).bind("now", now.toEpochMilli()).execute() == 1;
    }

    /** Instances whose last heartbeat is older than {@code before}: dead, or as good as dead. */
    public List<Instance> silentSince(Handle h, Instant before) {
        return h.createQuery("""
                        SELECT id, host, pid, started_at, heartbeat_at FROM instances
                        WHERE heartbeat_at < :before ORDER BY heartbeat_at""")
                .bind("before", before.toEpochMilli())
                .map((rs, ctx) -> new Instance(rs.getString(1), rs.getString(2), rs.getLong(3),
                        Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5))))
                .list();
    }

    /**
     * Removes an instance's record: it stopped, or it is dead and its claims were released. False if it was gone
     * already (another instance got there first).
     */
    public boolean forget(Handle h, String id) {
        return h.createUpdate("DELETE FROM instances WHERE id = :id").bind("id", id).execute() == 1;
    }
}
