package wabot.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import wabot.numbers.UserKey;

/**
 * Every post to the business API, stored when the decision to make it commits. A submission stays pending until
 * the API's answer is committed with its consequences, so a crash mid-call posts it again with the same key.
 */
public final class SubmissionStore {

    /** A submission waiting to be posted. */
    public record Row(String id, String userKey, String payload, int attempts) {}

    public void create(Handle h, String id, String userKey, String conversationId, String payload, Instant now) {
        h.createUpdate("""
                        INSERT INTO submissions (id, user_key, conversation_id, payload, next_attempt_at, created_at,
                            number_scope)
                        VALUES (:id, :user, :conversation, :payload, :now, :now, :scope)
                        ON CONFLICT (id) DO NOTHING""")
                .bind("id", id).bind("user", userKey).bind("conversation", conversationId)
                .bind("payload", payload).bind("now", now.toEpochMilli()).bind("scope", UserKey.scope(userKey))
                .execute();
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

    /** A submission as the console and the export show it. */
    public record Stored(String id, String conversationId, String userKey, String payload, String status, int attempts,
                         String response, String error, Instant createdAt, Instant completedAt) {}

    private static final String STORED = "id, conversation_id, user_key, payload, status, attempts, response, error,"
            + " created_at, completed_at";

    /** One conversation's submissions, oldest first. */
    public List<Stored> ofConversation(Handle h, String conversationId) {
        return h.createQuery("SELECT " + STORED + " FROM submissions WHERE conversation_id = :conversation"
                        + " ORDER BY created_at, id")
                .bind("conversation", conversationId).map((rs, ctx) -> stored(rs)).list();
    }

    public Optional<Stored> find(Handle h, String id) {
        return h.createQuery("SELECT " + STORED + " FROM submissions WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> stored(rs)).findOne();
    }

    /**
     * Makes a failed submission due again now, for a fresh round of attempts with the same id (its Idempotency-Key).
     * False when it is not failed (any more): it succeeded meanwhile, or someone else asked first.
     */
    public boolean retryNow(Handle h, String id, Instant now) {
        return h.createUpdate("""
                        UPDATE submissions SET status = 'pending', attempts = 0, next_attempt_at = :now, completed_at = NULL,
                            claimed_by = NULL, error = 'retry asked by an operator after: ' || COALESCE(error, 'no error recorded')
                        WHERE id = :id AND status = 'failed'""")
                .bind("id", id).bind("now", now.toEpochMilli()).execute() == 1;
    }

    /** Submissions created since {@code since}, by status (pending, done, failed). */
    public Map<String, Long> tally(Handle h, Instant since) {
        var counts = new LinkedHashMap<String, Long>();
        h.createQuery("SELECT status, COUNT(*) FROM submissions WHERE created_at >= :since GROUP BY status")
                .bind("since", since.toEpochMilli())
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** The statuses of the latest {@code limit} submissions created since {@code since}, newest first. */
    public List<String> latestStatuses(Handle h, Instant since, int limit) {
        return h.createQuery("""
                        SELECT status FROM submissions WHERE created_at >= :since
                        ORDER BY created_at DESC, id DESC LIMIT :limit""")
                .bind("since", since.toEpochMilli()).bind("limit", limit).mapTo(String.class).list();
    }

    /** {@link #exportPage(Handle, Instant, Instant, String, String, Stored, int)} of every number. */
    public List<Stored> exportPage(Handle h, Instant from, Instant until, String status, Stored after, int limit) {
        return exportPage(h, from, until, status, null, after, limit);
    }

    /**
     * One page of an export, oldest first: submissions created in [{@code from}, {@code until}), with {@code status}
     * unless null, of the number with {@code scope} unless null, after the (created_at, id) of {@code after} unless
     * null. Keyset pages, so a long export reads page after page of an index range and never holds more than one page.
     */
    public List<Stored> exportPage(Handle h, Instant from, Instant until, String status, String scope, Stored after,
                                   int limit) {
        // The previous page's last row is the tightest lower bound: the index range read starts there, so the
        // thousandth page costs what the first does. The row value settles ties on created_at.
        long lower = after == null ? from.toEpochMilli() : Math.max(from.toEpochMilli(), after.createdAt().toEpochMilli());
        var sql = "SELECT " + STORED + " FROM submissions WHERE created_at >= :from AND created_at < :until"
                + (status == null ? "" : " AND status = :status")
                + (scope == null ? "" : " AND number_scope = :scope")
                + (after == null ? "" : " AND (created_at, id) > (:afterCreated, :afterId)")
                + " ORDER BY created_at, id LIMIT :limit";
        var query = h.createQuery(sql).bind("from", lower).bind("until", until.toEpochMilli())
                .bind("limit", limit);
        if (status != null) {
            query.bind("status", status);
        }
        if (scope != null) {
            query.bind("scope", scope);
        }
        if (after != null) {
            query.bind("afterCreated", after.createdAt().toEpochMilli()).bind("afterId", after.id());
        }
        return query.map((rs, ctx) -> stored(rs)).list();
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        return new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getInt(6), rs.getString(7), rs.getString(8), Instant.ofEpochMilli(rs.getLong(9)),
                Columns.instant(rs, 10));
    }
}
