package wabot.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import wabot.conversation.MessageKind;
import wabot.whatsapp.Inbound;

/**
 * Every message people sent, stored before Meta gets its 200. The unique message id makes a redelivery a
 * no-op, for as long as the row is kept.
 */
public final class InboxStore {

    /** A stored message and its place in its sender's queue. */
    public record Row(long id, Inbound message) {}

    private static final String STORE = """
            INSERT INTO inbox (message_id, user_key, wa_id, user_id, profile_name, type, kind, body, choice_id, sent_at,
                received_at, attachment)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (message_id) DO NOTHING RETURNING id""";
    private static final String DONE = """
            UPDATE inbox SET status = 'done', conversation_id = ?, processed_at = ?
            WHERE id = ? AND status = 'pending'""";

    /** Stores the messages not seen before and returns them; duplicates, even within one batch, are dropped. */
    public List<Inbound> accept(Handle h, List<Inbound> messages, Instant now) {
        return store(h, messages, now).stream().map(Row::message).toList();
    }

    /** Like {@link #accept}, returning the new messages as stored rows, ids included, in order. */
    public List<Row> store(Handle h, List<Inbound> messages, Instant now) {
        if (messages.isEmpty()) {
            return List.of();
        }
        var stored = new ArrayList<Row>(messages.size());
        long received = now.toEpochMilli();
        for (var m : messages) {
            long id = HotStatements.insertReturningId(h, STORE, s -> {
                s.setString(1, m.messageId());
                s.setString(2, m.userKey());
                HotStatements.text(s, 3, m.waId());
                HotStatements.text(s, 4, m.userId());
                HotStatements.text(s, 5, m.profileName());
                HotStatements.text(s, 6, m.type());
                s.setString(7, m.kind().name());
                HotStatements.text(s, 8, m.text());
                HotStatements.text(s, 9, m.choiceId());
                HotStatements.number(s, 10, m.sentAt() == null ? null : m.sentAt().toEpochMilli());
                s.setLong(11, received);
                HotStatements.text(s, 12, Wire.attachment(m.attachment()));
            });
            if (id >= 0) {
                stored.add(new Row(id, m));
            }
        }
        return stored;
    }

    /** The oldest unprocessed messages of one person, in arrival order. */
    public List<Row> pending(Handle h, String userKey, int limit) {
        return h.createQuery("""
                        SELECT id, message_id, user_key, wa_id, user_id, profile_name, type, kind, body, choice_id, sent_at,
                            attachment
                        FROM inbox WHERE user_key = :user AND status = 'pending' ORDER BY id LIMIT :limit""")
                .bind("user", userKey)
                .bind("limit", limit)
                .map((rs, ctx) -> row(rs))
                .list();
    }

    /** A message as a transcript shows it, with when wabot received it. */
    public record Said(long id, Inbound message, Instant receivedAt, String status) {}

    /** One person's messages after {@code afterId}, oldest first: what they said, as wabot stored it. */
    public List<Said> since(Handle h, String userKey, long afterId, int limit) {
        return h.createQuery("""
                        SELECT id, message_id, user_key, wa_id, user_id, profile_name, type, kind, body, choice_id, sent_at,
                            attachment, received_at, status
                        FROM inbox WHERE user_key = :user AND id > :after ORDER BY id LIMIT :limit""")
                .bind("user", userKey)
                .bind("after", afterId)
                .bind("limit", limit)
                .map((rs, ctx) -> new Said(rs.getLong(1), row(rs).message(), Instant.ofEpochMilli(rs.getLong(13)),
                        rs.getString(14)))
                .list();
    }

    /** One conversation's messages, oldest first: those its turns took (a message still pending has none yet). */
    public List<Said> ofConversation(Handle h, String userKey, String conversationId, int limit) {
        return h.createQuery("""
                        SELECT id, message_id, user_key, wa_id, user_id, profile_name, type, kind, body, choice_id, sent_at,
                            attachment, received_at, status
                        FROM inbox WHERE user_key = :user AND conversation_id = :conversation ORDER BY id LIMIT :limit""")
                .bind("user", userKey)
                .bind("conversation", conversationId)
                .bind("limit", limit)
                .map((rs, ctx) -> new Said(rs.getLong(1), row(rs).message(), Instant.ofEpochMilli(rs.getLong(13)),
                        rs.getString(14)))
                .list();
    }

    /** People with unprocessed messages, such as those a crash left behind. */
    public List<String> usersWithPending(Handle h, int limit) {
        return h.createQuery("""
                        SELECT user_key FROM inbox WHERE status = 'pending'
                        GROUP BY user_key ORDER BY MIN(id) LIMIT :limit""")
                .bind("limit", limit)
                .mapTo(String.class)
                .list();
    }

    /** Marks a message processed; false if another worker already did. */
    public boolean markDone(Handle h, long id, String conversationId, Instant now) {
        return HotStatements.update(h, DONE, s -> {
            HotStatements.text(s, 1, conversationId);
            s.setLong(2, now.toEpochMilli());
            s.setLong(3, id);
        }) == 1;
    }

    /** A person's latest messages, oldest first, for the operator's view of a session. */
    public List<Map<String, Object>> recent(Handle h, String userKey, int limit) {
        var rows = h.createQuery("""
                        SELECT id, message_id, type, body, choice_id, sent_at, received_at, status, conversation_id, attachment
                        FROM inbox WHERE user_key = :user ORDER BY received_at DESC, id DESC LIMIT :limit""")
                .bind("user", userKey)
                .bind("limit", limit)
                .mapToMap()
                .list();
        var ordered = new ArrayList<>(rows);
        java.util.Collections.reverse(ordered);
        return ordered;
    }

    /** Maps the columns of {@link #pending} by position: the driver's lookup by name costs more than the query. */
    private static Row row(ResultSet rs) throws SQLException {
        long sent = rs.getLong(11);
        var sentAt = rs.wasNull() ? null : Instant.ofEpochMilli(sent);
        return new Row(rs.getLong(1), new Inbound(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), MessageKind.valueOf(rs.getString(8)), rs.getString(9),
                rs.getString(10), sentAt, Wire.attachment(rs.getString(12))));
    }
}
