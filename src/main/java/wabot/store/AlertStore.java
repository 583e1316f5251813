package wabot.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Each alert's state, shared by every instance. Firing and resolving are conditional writes: of several instances
 * that see the same change, exactly one flips the row, and that one tells people. A restart finds the state where
 * it was, so an alert that is already firing does not fire again.
 */
public final class AlertStore {

    /** An alert as stored: firing or resolved, since when, and what was last said about it. */
    public record Row(String name, String state, String severity, String summary, String details, String instance,
                      Instant startedAt, Instant resolvedAt, Instant updatedAt) {
        public boolean firing() {
            return "firing".equals(state);
        }
    }

    public List<Row> all(Handle h) {
        return h.createQuery("""
                        SELECT name, state, severity, summary, details, instance, started_at, resolved_at, updated_at
                        FROM alerts ORDER BY started_at DESC""")
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)), Columns.instant(rs, 8),
                        Instant.ofEpochMilli(rs.getLong(9))))
                .list();
    }

    /** Sets {@code name} firing unless it already is; true for the caller whose write did it. */
    public boolean fire(Handle h, String name, String severity, String summary, String details, String instance,
                        Instant now) {
        return h.createUpdate("""
                        INSERT INTO alerts (name, state, severity, summary, details, instance, started_at, updated_at)
                        VALUES (:name, 'firing', :severity, :summary, :details, :instance, :now, :now)
                        ON CONFLICT (name) DO UPDATE SET state = 'firing', severity = excluded.severity,
                            summary = excluded.summary, details = excluded.details, instance = excluded.instance,
                            started_at = excluded.started_at, resolved_at = NULL, updated_at = excluded.updated_at
                        WHERE alerts.state <> 'firing'""")
                .bind("name", name).bind("severity", severity).bind("summary", summary).bind("details", details)
                .bind("instance", instance).bind("now", now.toEpochMilli())
                .execute() == 1;
    }

    /** Keeps a firing alert's words current, without firing it again. */
    public void describe(Handle h, String name, String summary, String details, Instant now) {
        h.createUpdate("""
                        UPDATE alerts SET summary = :summary, details = :details, updated_at = :now
                        WHERE name = :name AND state = 'firing'""")
                .bind("name", name).bind("summary", summary).bind("details", details).bind("now", now.toEpochMilli())
                .execute();
    }

    /** Resolves {@code name} if it is firing, and returns when it started firing; empty for every other caller. */
    public Optional<Instant> resolve(Handle h, String name, String summary, Instant now) {
        var started = h.createQuery("SELECT started_at FROM alerts WHERE name = :name AND state = 'firing'")
                .bind("name", name).mapTo(Long.class).findOne();
        if (started.isEmpty()) {
            return Optional.empty();
        }
        int changed = h.createUpdate("""
                        UPDATE alerts SET state = 'resolved', summary = :summary, details = NULL, resolved_at = :now,
                            updated_at = :now
                        WHERE name = :name AND state = 'firing'""")
                .bind("name", name).bind("summary", summary).bind("now", now.toEpochMilli()).execute();
        return changed == 1 ? started.map(Instant::ofEpochMilli) : Optional.empty();
    }
}
