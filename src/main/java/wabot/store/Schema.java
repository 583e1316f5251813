package wabot.store;

import org.jdbi.v3.core.Handle;

/** Which migrations the database has applied, as Flyway records them. */
public final class Schema {
    private Schema() {}

    /** The highest version applied successfully; 0 when none is. */
    public static int applied(Handle h) {
        return h.createQuery("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")
                .mapTo(String.class).list().stream().mapToInt(Integer::parseInt).max().orElse(0);
    }
}
