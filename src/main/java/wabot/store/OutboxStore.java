package wabot.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import wabot.conversation.Reply;
import wabot.whatsapp.StatusUpdate;

/**
 * Every reply wabot owes, written in the same transaction as the decision that caused it, and sent in order
 * per person. A row is pending until Meta accepts it or refuses it for good.
 */
public final class OutboxStore {
    /** WhatsApp's limit for a text body; longer replies are split into several messages. */
    public static final int MAX_TEXT = 4096;

    private static final String ENQUEUE = """
            INSERT INTO outbox (user_key, recipient, conversation_id, body, choices, next_attempt_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""";
    private static final String SENT = """
            UPDATE outbox SET status = 'sent', wamid = ?, sent_at = ?, attempts = attempts + 1,
                delivery = COALESCE(delivery, 'accepted')
            WHERE id = ?""";

    /** A reply waiting to be sent. */
    public record Row(long id, String userKey, String recipient, Reply reply, int attempts) {
        /** The text of the reply. */
        public String body() {
            return reply.text();
        }
    }

    /**
     * Appends replies to a person's queue; a long plain text becomes several messages, choices stay whole. Returns
     * the rows as stored, in order, so that the sender can have them without reading them back.
     */
    public List<Row> enqueue(Handle h, String userKey, String recipient, String conversationId, List<Reply> replies,
                             Instant now) {
        var rows = new ArrayList<Row>(replies.size());
        long at = now.toEpochMilli();
        for (var reply : replies) {
            var parts = reply.choices() == null ? split(reply.text()) : List.of(reply.text());
            var choices = Wire.choices(reply.choices());
            for (var part : parts) {
                long id = HotStatements.insertReturningId(h, ENQUEUE, s -> {
                    s.setString(1, userKey);
                    s.setString(2, recipient);
                    HotStatements.text(s, 3, conversationId);
                    s.setString(4, part);
                    HotStatements.text(s, 5, choices);
                    s.setLong(6, at);
                    s.setLong(7, at);
                });
                rows.add(new Row(id, userKey, recipient, new Reply(part, reply.choices()), 0));
            }
        }
        return rows;
    }

    /** People whose oldest pending reply is due; a person held back keeps all their later replies back too. */
    public List<String> usersDue(Handle h, Instant now, int limit) {
        return h.createQuery("""
                        SELECT o.user_key FROM outbox o
                        WHERE o.status = 'pending' AND o.next_attempt_at <= :now
                          AND NOT EXISTS (SELECT 1 FROM outbox p
                                          WHERE p.user_key = o.user_key AND p.status = 'pending' AND p.id < o.id)
                        LIMIT :limit""")
                .bind("now", now.toEpochMilli())
                .bind("limit", limit)
                .mapTo(String.class)
                .list();
    }

    /** One person's pending replies in order, up to the first that is not due yet. */
    public List<Row> due(Handle h, String userKey, Instant now, int limit) {
        return queue(h, userKey, now, limit).rows();
    }

    /**
     * One person's pending replies in order, up to the first that is not due yet.
     *
     * @param all true when these are all the person's pending replies: none was held back and none left past the limit
     */
    public record Queue(List<Row> rows, boolean all) {}

    /** Like {@link #due}, and says whether the person has other pending replies. */
    public Queue queue(Handle h, String userKey, Instant now, int limit) {
        var pending = h.createQuery("""
                        SELECT id, user_key, recipient, body, attempts, next_attempt_at, choices FROM outbox
                        WHERE user_key = :user AND status = 'pending' ORDER BY id LIMIT :limit""")
                .bind("user", userKey)
                .bind("limit", limit)
                .map((rs, ctx) -> new Pending(new Row(rs.getLong(1), rs.getString(2), rs.getString(3),
                        new Reply(rs.getString(4), Wire.choices(rs.getString(7))), rs.getInt(5)), rs.getLong(6)))
                .list();
        var due = pending.stream()
                .takeWhile(row -> row.dueAt() <= now.toEpochMilli())
                .map(Pending::row)
                .toList();
        return new Queue(due, due.size() == pending.size() && pending.size() < limit);
    }

    private record Pending(Row row, long dueAt) {}

    /** A reply that left the outbox: sent (with Meta's latest delivery news) or failed for good; not a cancelled one. */
    public record Left(long id, Reply reply, String status, String wamid, String delivery, Integer errorCode,
                       String errorDetail, Instant at) {}

    /** One person's replies after {@code afterId} that are no longer pending, oldest first. */
    public List<Left> leftSince(Handle h, String userKey, long afterId, int limit) {
        return h.createQuery("""
                        SELECT id, body, choices, status, wamid, delivery, error_code, error_detail,
                            COALESCE(sent_at, created_at)
                        FROM outbox WHERE user_key = :user AND id > :after AND status IN ('sent', 'failed')
                        ORDER BY id LIMIT :limit""")
                .bind("user", userKey)
                .bind("after", afterId)
                .bind("limit", limit)
                .map((rs, ctx) -> new Left(rs.getLong(1), new Reply(rs.getString(2), Wire.choices(rs.getString(3))),
                        rs.getString(4), rs.getString(5), rs.getString(6), Columns.integer(rs, 7), rs.getString(8),
                        Instant.ofEpochMilli(rs.getLong(9))))
                .list();
    }

    /**
     * A reply as the console shows it, whatever became of it.
     *
     * @param status   pending, sent, failed or cancelled
     * @param delivery Meta's latest news of a sent reply: accepted, sent, delivered, read, played or failed
     */
    public record Told(long id, Reply reply, String status, int attempts, String wamid, String delivery,
                         Integer errorCode, String errorDetail, Instant createdAt, Instant settledAt) {
        /** Refused at send, or reported failed by a status webhook. */
        public boolean failed() {
            return "failed".equals(status) || "failed".equals(delivery);
        }
    }

    /** One conversation's replies, oldest first. */
    public List<Told> ofConversation(Handle h, String userKey, String conversationId, int limit) {
        return h.createQuery("""
                        SELECT id, body, choices, status, attempts, wamid, delivery, error_code, error_detail, created_at,
                            sent_at
                        FROM outbox WHERE user_key = :user AND conversation_id = :conversation
                        ORDER BY id LIMIT :limit""")
                .bind("user", userKey).bind("conversation", conversationId).bind("limit", limit)
                .map((rs, ctx) -> new Told(rs.getLong(1), new Reply(rs.getString(2), Wire.choices(rs.getString(3))),
                        rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7), Columns.integer(rs, 8),
                        rs.getString(9), Instant.ofEpochMilli(rs.getLong(10)), Columns.instant(rs, 11)))
                .list();
    }

    /**
     * Withdraws a reply that is still waiting to be sent, and returns whom it was for; empty when it already left.
     * A send already under way may still complete: then the row says sent, which is the truth.
     */
    public Optional<String> cancel(Handle h, long id, Instant now) {
        var user = h.createQuery("SELECT user_key FROM outbox WHERE id = :id AND status = 'pending'")
                .bind("id", id).mapTo(String.class).findOne();
        if (user.isEmpty()) {
            return user;
        }
        int changed = h.createUpdate("""
                        UPDATE outbox SET status = 'cancelled', sent_at = :now, error_detail = 'cancelled by an operator'
                        WHERE id = :id AND status = 'pending'""")
                .bind("id", id).bind("now", now.toEpochMilli()).execute();
        return changed == 1 ? user : Optional.empty();
    }

    /** Replies that failed since {@code since} (refused at send, or reported failed later), by Meta's error code. */
    public Map<Integer, Long> failuresByCode(Handle h, Instant since) {
        var counts = new TreeMap<Integer, Long>();
        h.createQuery("""
                        SELECT COALESCE(error_code, 0), COUNT(*) FROM outbox
                        WHERE (status = 'failed' OR delivery = 'failed') AND created_at >= :since
                        GROUP BY COALESCE(error_code, 0)""")
                .bind("since", since.toEpochMilli())
                .map((rs, ctx) -> Map.entry(rs.getInt(1), rs.getLong(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** What became of a reply, for the alerts: newest first; {@code userKey} says which number it left from. */
    public record Fate(long id, String userKey, String status, String delivery, Integer errorCode, String errorDetail,
                       Instant createdAt) {
        /** Refused at send, or reported failed by a status webhook. */
        public boolean failed() {
            return "failed".equals(status) || "failed".equals(delivery);
        }
    }

    /** The latest {@code limit} replies, newest first: a cheap walk back along the primary key. */
    public List<Fate> latest(Handle h, int limit) {
        return h.createQuery("""
                        SELECT id, user_key, status, delivery, error_code, error_detail, created_at FROM outbox
                        ORDER BY id DESC LIMIT :limit""")
                .bind("limit", limit)
                .map((rs, ctx) -> new Fate(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Columns.integer(rs, 5), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7))))
                .list();
    }

    /** The texts of one person's replies still waiting to be sent, oldest first. */
    public List<String> pendingTexts(Handle h, String userKey, int limit) {
        return h.createQuery("SELECT body FROM outbox WHERE user_key = :user AND status = 'pending' ORDER BY id LIMIT :limit")
                .bind("user", userKey).bind("limit", limit).mapTo(String.class).list();
    }

    /**
     * Takes a due reply for one send on behalf of instance {@code owner}, holding it until {@code until} so that no
     * other sender, in this process or another, sends it meanwhile. It succeeds only if the row is still pending,
     * due, and the first of its person's pending replies, so of several senders that read the same row exactly one
     * wins. If the owner dies mid-send, {@link #releaseClaims} frees the row once the owner is known to be dead;
     * failing that, the row falls due again when the hold ends.
     */
    public boolean claim(Handle h, long id, String owner, Instant now, Instant until) {
        return h.createUpdate("""
                        UPDATE outbox SET next_attempt_at = :until, claimed_by = :owner
                        WHERE id = :id AND status = 'pending' AND next_attempt_at <= :now
                          AND NOT EXISTS (SELECT 1 FROM outbox p
                                          WHERE p.user_key = outbox.user_key AND p.status = 'pending' AND p.id < outbox.id)""")
                .bind("id", id).bind("owner", owner).bind("now", now.toEpochMilli()).bind("until", until.toEpochMilli())
                .execute() == 1;
    }

    /**
     * Frees the replies that {@code owner} holds and has not sent, due at {@code now}: the owner died or stopped
     * mid-send. A reply it was holding for a retry keeps its time. Returns how many were freed.
     */
    public int releaseClaims(Handle h, String owner, Instant now) {
        return h.createUpdate("""
                        UPDATE outbox SET next_attempt_at = :now, claimed_by = NULL
                        WHERE status = 'pending' AND claimed_by = :owner""")
                .bind("owner", owner).bind("now", now.toEpochMilli()).execute();
    }

    public void markSent(Handle h, long id, String wamid, Instant now) {
        HotStatements.update(h, SENT, s -> {
            HotStatements.text(s, 1, wamid);
            s.setLong(2, now.toEpochMilli());
            s.setLong(3, id);
        });
    }

    public void retryLater(Handle h, long id, Instant at, Integer code, String detail) {
        h.createUpdate("""
                        UPDATE outbox SET attempts = attempts + 1, next_attempt_at = :at, error_code = :code,
                            error_detail = :detail, claimed_by = NULL
                        WHERE id = :id""")
                .bind("id", id).bind("at", at.toEpochMilli()).bind("code", code).bind("detail", detail).execute();
    }

    public void markFailed(Handle h, long id, Integer code, String detail, Instant now) {
        h.createUpdate("""
                        UPDATE outbox SET status = 'failed', attempts = attempts + 1, error_code = :code,
                            error_detail = :detail, sent_at = :now, delivery = 'failed'
                        WHERE id = :id""")
                .bind("id", id).bind("code", code).bind("detail", detail).bind("now", now.toEpochMilli()).execute();
    }

    /**
     * Records Meta's latest news about a sent message. Statuses may arrive out of order, so a later stage never
     * goes back to an earlier one; a failure always wins.
     */
    public int applyStatus(Handle h, StatusUpdate status) {
        return h.createUpdate("""
                        UPDATE outbox SET delivery = :status,
                            error_code = COALESCE(:code, error_code), error_detail = COALESCE(:detail, error_detail)
                        WHERE wamid = :wamid AND (:status = 'failed' OR delivery IS NULL OR
                            (CASE delivery WHEN 'accepted' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2
                                           WHEN 'read' THEN 3 WHEN 'played' THEN 4 ELSE 5 END)
                          < (CASE :status WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3
                                          WHEN 'played' THEN 4 ELSE 0 END))""")
                .bind("status", status.status())
                .bind("code", status.errorCode())
                .bind("detail", status.errorDetail())
                .bind("wamid", status.wamid())
                .execute();
    }

    public String status(Handle h, long id) {
        return h.createQuery("SELECT status FROM outbox WHERE id = :id").bind("id", id).mapTo(String.class).one();
    }

    /** A person's latest replies, oldest first, for the operator's view of a session. */
    public List<Map<String, Object>> recent(Handle h, String userKey, int limit) {
        var rows = new ArrayList<>(h.createQuery("""
                        SELECT id, body, status, attempts, wamid, delivery, error_code, error_detail, created_at,
                            sent_at, conversation_id, choices
                        FROM outbox WHERE user_key = :user ORDER BY created_at DESC, id DESC LIMIT :limit""")
                .bind("user", userKey)
                .bind("limit", limit)
                .mapToMap()
                .list());
        java.util.Collections.reverse(rows);
        return rows;
    }

    static List<String> split(String text) {
        if (text.length() <= MAX_TEXT) {
            return List.of(text);
        }
        var parts = new ArrayList<String>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + MAX_TEXT);
            if (end < text.length()) {
                int space = Math.max(text.lastIndexOf(' ', end), text.lastIndexOf('\n', end));
                if (space > start + MAX_TEXT / 2) {
                    end = space;
                } else if (Character.isLowSurrogate(text.charAt(end))) {
                    end--;
                }
            }
            var part = text.substring(start, end).strip();
            if (!part.isEmpty()) {
                // Whitespace left over after a cut would be an empty message, which Graph refuses.
                parts.add(part);
            }
            start = end;
        }
        return parts;
    }
}
