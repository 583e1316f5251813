package wabot.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import wabot.conversation.Answer;
import wabot.conversation.Session;

/**
 * The sessions a turn loads and saves. On SQLite, whose one writer thread runs every turn, it also remembers each
 * person's session as that writer last saved or read it, so that a turn loads it from memory instead of reading the
 * session and its answers back. Only the writer's transactions may use a remembering instance; it needs no lock.
 *
 * <p>Memory can never make a turn act on an outdated session: every write to a session row raises its version (the
 * sweep of expired work and the retention's deletes included), and saving checks it. A session remembered from
 * before such a write fails to save with {@link StaleSession}, the transaction rolls back, a rollback forgets
 * everything remembered, and the retried turn reads the row. What is remembered is what the save returns: exactly
 * what a read would.
 */
public final class LatestSessions {
    /** Sessions held at most, the least recently used going first: a few KB each. */
    private static final int MAX_HELD = 5_000;

    private final SessionStore store;
    private final Map<String, Session> held;

    private LatestSessions(SessionStore store, boolean remembering) {
        this.store = store;
        this.held = remembering ? new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
                return size() > MAX_HELD;
            }
        } : null;
    }

    /** For the one writer of a SQLite database. */
    public static LatestSessions rememberedByTheWriter(SessionStore store) {
        return new LatestSessions(store, true);
    }

    /** Every load a read: several writers (PostgreSQL instances) share the rows. */
    public static LatestSessions readEachTime(SessionStore store) {
        return new LatestSessions(store, false);
    }

    public Optional<Session> load(Handle h, String userKey) {
        if (held == null) {
            return store.load(h, userKey);
        }
        var session = held.get(userKey);
        if (session != null) {
            return Optional.of(session);
        }
        var read = store.load(h, userKey);
        if (read.isPresent()) {
            // The read may see this transaction's own writes: if it rolls back, neither they nor the read happened.
            h.afterRollback(held::clear);
            held.put(userKey, read.get());
        }
        return read;
    }

    /** Saves {@code next} (see {@link SessionStore#save}); remembered at once, for a later turn of the same commit. */
    public void save(Handle h, Session next, List<Answer> recorded) {
        if (held == null) {
            store.save(h, next, recorded);
            return;
        }
        // Registered first: a save that fails as stale must forget the session it was loaded from.
        h.afterRollback(held::clear);
        held.put(next.userKey(), store.save(h, next, recorded));
    }

    /** See {@link SessionStore#withdraw}: the session saved with it no longer holds those answers. */
    public void withdraw(Handle h, String conversationId, List<String> questionIds, Instant now) {
        store.withdraw(h, conversationId, questionIds, now);
    }
}
