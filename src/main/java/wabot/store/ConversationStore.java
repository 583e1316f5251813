package wabot.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import wabot.numbers.UserKey;

/**
 * Every conversation, one row each: who, when it started, and how it ended. A row is written in the transaction of
 * the turn that starts or ends its conversation, so it never disagrees with the session. Listing is in
 * {@link ConversationList}.
 */
public final class ConversationStore {
    static final String COLUMNS = "c.id, c.conversation_id, c.user_key, c.wa_id, c.user_id, c.profile_name, c.status,"
            + " c.started_at, c.ended_at,"
            + " (SELECT COUNT(*) FROM answers a WHERE a.conversation_id = c.conversation_id),"
            + " (SELECT s.updated_at FROM sessions s WHERE s.user_key = c.user_key"
            + "  AND s.conversation_id = c.conversation_id)";

    /**
     * One conversation.
     *
     * @param status     {@code active}, or how it ended: finished, failed, cancelled, abandoned, restarted, reset
     * @param answers    how many answers it recorded
     * @param lastActive the session's last activity while this is the person's latest conversation, else null
     */
    public record Row(long id, String conversationId, String userKey, String waId, String userId, String name,
                      String status, Instant startedAt, Instant endedAt, int answers, Instant lastActive) {
        public boolean active() {
            return endedAt == null;
        }
    }

    /** Records that a conversation started; a retried turn finds it there already. */
    public void started(Handle h, String conversationId, String userKey, String waId, String userId, String name,
                        Instant at) {
        h.createUpdate("""
                        INSERT INTO conversations (conversation_id, user_key, wa_id, user_id, profile_name, status, started_at,
                            number_scope)
                        VALUES (:id, :user, :wa, :uid, :name, 'active', :at, :scope)
                        ON CONFLICT (conversation_id) DO NOTHING""")
                .bind("id", conversationId).bind("user", userKey).bind("wa", waId).bind("uid", userId)
                .bind("name", name).bind("at", at.toEpochMilli()).bind("scope", UserKey.scope(userKey)).execute();
    }

    /** Ends an open conversation as {@code status}; one already ended keeps its first ending. */
    public void ended(Handle h, String conversationId, String status, Instant at) {
        h.createUpdate("""
                        UPDATE conversations SET status = :status, ended_at = :at
                        WHERE conversation_id = :id AND ended_at IS NULL""")
                .bind("id", conversationId).bind("status", status).bind("at", at.toEpochMilli()).execute();
    }

    /**
     * Ends as abandoned every open conversation whose person stopped answering more than {@code ttl} before
     * {@code now}, dated when it expired. Reads the open conversations only, which are few.
     */
    public int abandonIdle(Handle h, Instant now, Duration ttl) {
        return h.createUpdate("""
                        UPDATE conversations SET status = 'abandoned', ended_at = (
                                SELECT s.updated_at FROM sessions s WHERE s.user_key = conversations.user_key) + :ttl
                        WHERE ended_at IS NULL AND EXISTS (
                                SELECT 1 FROM sessions s
                                WHERE s.user_key = conversations.user_key
                                  AND s.conversation_id = conversations.conversation_id
                                  AND s.state = 'WAITING_FOR_ANSWER' AND s.updated_at < :idle)""")
                .bind("ttl", ttl.toMillis()).bind("idle", now.minus(ttl).toEpochMilli()).execute();
    }

    public Optional<Row> find(Handle h, String conversationId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM conversations c WHERE c.conversation_id = :id")
                .bind("id", conversationId).map((rs, ctx) -> row(rs)).findOne();
    }

    /** One person's conversations, newest first. */
    public List<Row> ofPerson(Handle h, String userKey, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM conversations c WHERE c.user_key = :user"
                        + " ORDER BY c.started_at DESC, c.id DESC LIMIT :limit")
                .bind("user", userKey).bind("limit", limit).map((rs, ctx) -> row(rs)).list();
    }

    /** Conversations open now, and how many ended by each status since {@code since}. */
    public record Tally(long active, long started, Map<String, Long> ended) {
        public long ended(String status) {
            return ended.getOrDefault(status, 0L);
        }
    }

    static final String ACTIVE = "SELECT COUNT(*) FROM conversations WHERE ended_at IS NULL";
    static final String STARTED = "SELECT COUNT(*) FROM conversations WHERE started_at >= :since";
    /**
     * Grouped by an expression, not the column: grouping by the column itself leads SQLite, without statistics, to
     * walk the whole status index in its order (4 s on a million rows) rather than read today's range and sort it.
     */
    static final String ENDED = "SELECT status || '', COUNT(*) FROM conversations WHERE ended_at >= :since"
            + " GROUP BY status || ''";

    public Tally tally(Handle h, Instant since) {
        long active = h.createQuery(ACTIVE).mapTo(Long.class).one();
        long started = h.createQuery(STARTED).bind("since", since.toEpochMilli()).mapTo(Long.class).one();
        var ended = new LinkedHashMap<String, Long>();
        h.createQuery(ENDED)
                .bind("since", since.toEpochMilli())
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> ended.put(e.getKey(), e.getValue()));
        return new Tally(active, started, ended);
    }

    /** Open conversations by the scope of their number: few rows, read along the endings' index. */
    public Map<String, Long> activeByScope(Handle h) {
        var counts = new LinkedHashMap<String, Long>();
        h.createQuery("SELECT number_scope, COUNT(*) FROM conversations WHERE ended_at IS NULL GROUP BY number_scope")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** Conversations with one number started since {@code since}: a range of that number's index. */
    public long startedSince(Handle h, String scope, Instant since) {
        return h.createQuery("SELECT COUNT(*) FROM conversations WHERE number_scope = :scope AND started_at >= :since")
                .bind("scope", scope).bind("since", since.toEpochMilli()).mapTo(Long.class).one();
    }

    static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), Instant.ofEpochMilli(rs.getLong(8)), Columns.instant(rs, 9),
                rs.getInt(10), Columns.instant(rs, 11));
    }
}
