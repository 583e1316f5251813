package wabot.store;

import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * What is kept and for how long. An idle conversation's working state goes once it has expired; messages,
 * replies, answers and submissions are kept for the retention period and then deleted. Deletes run in small
 * batches so they never hold SQLite's write lock long enough to delay a webhook.
 */
public final class Retention {
    public static final int BATCH = 2000;

    /** Ended sessions idle past the TTL: nothing in them is needed to greet the person next time. */
    public int dropEndedSessions(Handle h, Instant idleBefore) {
        return h.createUpdate("""
                        DELETE FROM sessions WHERE user_key IN (
                            SELECT user_key FROM sessions
                            WHERE state = 'CONVERSATION_ENDED' AND updated_at < :before LIMIT :batch)""")
                .bind("before", idleBefore.toEpochMilli()).bind("batch", BATCH).execute();
    }

    /**
     * Unfinished sessions idle past the TTL lose their working state (cursor, extra questions, flood counters).
     * The row stays, so the person's next message still gets the "expired, starting over" notice.
     */
    public int clearExpiredWork(Handle h, Instant idleBefore) {
        return h.createUpdate("""
                        UPDATE sessions SET position = 0, extra_questions = '[]', flood_window = NULL, flood_count = 0,
                            version = version + 1
                        WHERE state = 'WAITING_FOR_ANSWER' AND updated_at < :before
                          AND (position <> 0 OR extra_questions <> '[]' OR flood_count <> 0)""")
                .bind("before", idleBefore.toEpochMilli()).execute();
    }

    /** Deletes one batch of every kind of record older than the cutoff; returns how many rows went. */
    public int purge(Handle h, Instant cutoff) {
        long before = cutoff.toEpochMilli();
        int deleted = 0;
        deleted += batch(h, "inbox", "id", "status = 'done' AND received_at < :before", before);
        deleted += batch(h, "outbox", "id", "status <> 'pending' AND created_at < :before", before);
        deleted += batch(h, "answers", "id", "answered_at < :before AND conversation_id NOT IN "
                + "(SELECT conversation_id FROM sessions WHERE conversation_id IS NOT NULL "
                + "AND state <> 'CONVERSATION_ENDED' AND updated_at >= :before)", before);
        deleted += batch(h, "submissions", "id", "status <> 'pending' AND created_at < :before", before);
        deleted += batch(h, "sessions", "user_key", "updated_at < :before", before);
        deleted += batch(h, "conversations", "id", "ended_at < :before", before);
        return deleted;
    }

    private static int batch(Handle h, String table, String key, String condition, long before) {
        return h.createUpdate("DELETE FROM " + table + " WHERE " + key + " IN (SELECT " + key + " FROM " + table
                        + " WHERE " + condition + " LIMIT :batch)")
                .bind("before", before).bind("batch", BATCH).execute();
    }

}
