package wabot.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Every post to the business API, stored when the decision to make it commits. A submission stays pending until
 * the API's answer is committed with its consequences, so a crash mid-call posts it again with the same key.
 */
public final class SubmissionStore {

    /** A submission waiting to be posted. */
    public record Row(String id, String userKey, String payload, int attempts) {}

    public void create(Handle h, String id, String userKey, String conversationId, String payload, Instant now) {
        h.createUpdate("""
                        INSERT INTO submissions (id, user_key, conversation_id, payload, next_attempt_at, created_at)
                        VALUES (:id, :user, :conversation, :payload, :now, :now)
                        ON CONFLICT (id) DO NOTHING""")
                .bind("id", id).bind("user", userKey).bind("conversation", conversationId)
                .bind("payload", payload).bind("now", now.toEpochMilli()).execute();
    }

    /**
     * Makes every pending submission due now. Only for a single instance at startup (SQLite): the claims it
     * clears belonged to a process that no longer runs.
     */
    public int releaseAllClaims(Handle h, Instant now) {
        return h.createUpdate("UPDATE submissions SET next_attempt_at = :now, claimed_by = NULL WHERE status = 'pending'")
                .bind("now", now.toEpochMilli()).execute();
    }

    /**
     * Makes the submissions that {@code owner} was posting due at {@code now}: the owner died or stopped mid-call,
     * so they are posted again, with the same key. Returns how many were freed.
     */
    public int releaseClaims(Handle h, String owner, Instant now) {
        return h.createUpdate("""
                        UPDATE submissions SET next_attempt_at = :now, claimed_by = NULL
                        WHERE status = 'pending' AND claimed_by = :owner""")
                .bind("owner", owner).bind("now", now.toEpochMilli()).execute();
    }

    public List<Row> due(Handle h, Instant now, int limit) {
        return h.createQuery("""
                        SELECT id, user_key, payload, attempts FROM submissions
                        WHERE status = 'pending' AND next_attempt_at <= :now ORDER BY next_attempt_at LIMIT :limit""")
                .bind("now", now.toEpochMilli())
                .bind("limit", limit)
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
                .list();
    }

    /**
     * Takes a due submission for one call on behalf of instance {@code owner}, holding it until {@code until} so
     * that no other worker, in this process or another, posts it meanwhile. It succeeds only if the row is still
     * pending, due, and at the {@code seenAttempts} the caller read, so of several workers that read the same row
     * exactly one wins.
     */
    public boolean claim(Handle h, String id, int seenAttempts, String owner, Instant now, Instant until) {
        return h.createUpdate("""
                        UPDATE submissions SET attempts = attempts + 1, next_attempt_at = :until, error = 'in flight',
                            claimed_by = :owner
                        WHERE id = :id AND status = 'pending' AND attempts = :seen AND next_attempt_at <= :now""")
                .bind("id", id).bind("seen", seenAttempts).bind("owner", owner).bind("now", now.toEpochMilli())
                .bind("until", until.toEpochMilli())
                .execute() == 1;
    }

    /** Holds a submission back until {@code at}, after a failed call, to retry it then. */
    public boolean postpone(Handle h, String id, int attempts, Instant at, String error) {
        return h.createUpdate("""
                        UPDATE submissions SET attempts = :attempts, next_attempt_at = :at, error = :error,
                            claimed_by = NULL
                        WHERE id = :id AND status = 'pending'""")
                .bind("id", id).bind("attempts", attempts).bind("at", at.toEpochMilli()).bind("error", error)
                .execute() == 1;
    }

    /** Closes a submission; {@code done} keeps the API's reply, {@code failed} the reason. */
    public void resolve(Handle h, String id, boolean done, String responseOrError, Instant now) {
        h.createUpdate("""
                        UPDATE submissions SET status = :status, response = :response, error = :error,
                            completed_at = :now
                        WHERE id = :id AND status = 'pending'""")
                .bind("id", id)
                .bind("status", done ? "done" : "failed")
                .bind("response", done ? responseOrError : null)
                .bind("error", done ? null : responseOrError)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    public List<Map<String, Object>> recent(Handle h, String userKey, int limit) {
        return h.createQuery("""
                        SELECT id, conversation_id, payload, status, attempts, response, error, created_at, completed_at
                        FROM submissions WHERE user_key = :user ORDER BY created_at DESC LIMIT :limit""")
                .bind("user", userKey)
                .bind("limit", limit)
                .mapToMap()
                .list();
    }
}
