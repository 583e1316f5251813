package wabot.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Which scope each business number's keys carry ({@code wabot.numbers.UserKey}). A number's scope is given once, the
 * first time a database serves it, and never changes: the first number ever gets the empty scope, which keeps the
 * bare keys of a single-number database; every later one its own id.
 */
public final class NumberStore {

    /**
     * Gives every number its scope, registering the ones this database has not served yet, and returns the scope of
     * each. Safe when several instances start at once: an insert that loses a race does nothing, and the scopes are
     * read back as stored.
     */
    public Map<String, String> register(Handle h, List<String> phoneNumberIds, Instant now) {
        var known = all(h);
        for (var id : phoneNumberIds) {
            if (known.containsKey(id)) {
                continue;
            }
            // The empty scope goes to the first number only; if another instance took it meanwhile, this insert
            // does nothing and the one below gives the number its own id.
            for (var scope : known.containsValue("") ? List.of(id) : List.of("", id)) {
                h.createUpdate("INSERT INTO numbers (phone_number_id, scope, registered_at) VALUES (:id, :scope, :now)"
                                + " ON CONFLICT DO NOTHING")
                        .bind("id", id).bind("scope", scope).bind("now", now.toEpochMilli()).execute();
                known = all(h);
                if (known.containsKey(id)) {
                    break;
                }
            }
        }
        var scopes = new LinkedHashMap<String, String>();
        for (var id : phoneNumberIds) {
            scopes.put(id, known.get(id));
        }
        return scopes;
    }

    /** Every number this database has served: its id and its scope. */
    public Map<String, String> all(Handle h) {
        var all = new LinkedHashMap<String, String>();
        h.createQuery("SELECT phone_number_id, scope FROM numbers ORDER BY registered_at, phone_number_id")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> all.put(e.getKey(), e.getValue()));
        return all;
    }
}
