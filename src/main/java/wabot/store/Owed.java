package wabot.store;

import org.jdbi.v3.core.Handle;

/** What wabot still owes one person: messages not yet taken, replies not yet sent, submissions not yet answered. */
public final class Owed {

    /** Counts of pending rows; all zero when the person's conversation has settled. */
    public record Counts(int messages, int replies, int submissions) {
        public boolean settled() {
            return messages == 0 && replies == 0 && submissions == 0;
        }
    }

    public Counts of(Handle h, String userKey) {
        return h.createQuery("""
                        SELECT (SELECT COUNT(*) FROM inbox WHERE user_key = :user AND status = 'pending'),
                               (SELECT COUNT(*) FROM outbox WHERE user_key = :user AND status = 'pending'),
                               (SELECT COUNT(*) FROM submissions WHERE user_key = :user AND status = 'pending')""")
                .bind("user", userKey)
                .map((rs, ctx) -> new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3)))
                .one();
    }
}
