package wabotbench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Fills a wabot SQLite file (whose schema wabot's Flyway already created) with ended sessions and their answers:
 * users are the bench's own numbers (USER_BASE + i), so the scale runs talk to people the store already knows.
 * Each session has three past conversations of 4, 3 and 3 answers, ten answers in all by default; its latest
 * conversation is in the conversations table too (one row per session, finished), so the console lists a million.
 * The secondary indexes are dropped during the load and rebuilt after it, the way a bulk load should be done.
 */
final class Prefill {
    private static final String[] QUESTIONS = {"name", "email", "issue", "comment"};
    private static final String[] VALUES = {"Ana Souza", "ana.souza@example.com",
            "Mi pedido no llegó y necesito ayuda con la devolución, por favor.", "Nada más, gracias"};

    /** The conversations table's secondary indexes, as V4__conversations_and_alerts.sql creates them. */
    private static final String[] CONVERSATION_INDEXES = {
        "conversations_started ON conversations (started_at, id)",
        "conversations_status ON conversations (status, started_at, id)",
        "conversations_user ON conversations (user_key, started_at, id)",
        "conversations_user_id ON conversations (user_id, started_at, id)",
        "conversations_ended ON conversations (ended_at, status)"};

    private Prefill() {}

    static void fill(Path db, long sessions, long answers) throws SQLException {
        long perSession = Math.max(1, answers / Math.max(1, sessions));
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
            try (var s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=OFF");
                s.execute("PRAGMA synchronous=OFF");
                s.execute("PRAGMA cache_size=-1000000");
                s.execute("PRAGMA temp_store=MEMORY");
                s.execute("DROP INDEX IF EXISTS answers_conversation");
                s.execute("DROP INDEX IF EXISTS sessions_updated");
                for (var index : CONVERSATION_INDEXES) {
                    s.execute("DROP INDEX IF EXISTS " + index.split(" ")[0]);
                }
            }
            c.setAutoCommit(false);
            var rnd = new SplittableRandom(42);
            long now = System.currentTimeMillis();
            long answerRows = 0;
            try (var session = c.prepareStatement("""
                    INSERT INTO sessions (user_key, wa_id, user_id, state, conversation_id, started_at, updated_at,
                        extra_questions, position, submissions, flood_window, flood_count, version)
                    VALUES (?, ?, NULL, 'CONVERSATION_ENDED', ?, ?, ?, '[]', ?, 1, ?, 1, ?)""");
                 var answer = c.prepareStatement("""
                    INSERT INTO answers (user_key, conversation_id, question_id, value, choice_id, answered_at)
                    VALUES (?, ?, ?, ?, NULL, ?)""");
                 var latest = c.prepareStatement("""
                    INSERT INTO conversations (conversation_id, user_key, wa_id, profile_name, status, started_at, ended_at)
                    VALUES (?, ?, ?, 'Ana Souza', 'finished', ?, ?)""")) {
                for (long i = 0; i < sessions; i++) {
                    var user = Long.toString(Webhooks.USER_BASE + i);
                    long updated = now - rnd.nextLong(90L * 24 * 3600 * 1000);
                    long remaining = perSession + (i < answers % sessions ? 1 : 0);
                    String conversation = null;
                    long at = updated - 3 * 3600_000L;
                    int conversations = 0;
                    while (remaining > 0) {
                        conversation = new UUID(rnd.nextLong(), rnd.nextLong()).toString();
                        conversations++;
                        int n = (int) Math.min(remaining, conversations == 1 ? 4 : 3);
                        for (int q = 0; q < n; q++) {
                            answer.setString(1, user);
                            answer.setString(2, conversation);
                            answer.setString(3, QUESTIONS[q]);
                            answer.setString(4, VALUES[q]);
                            answer.setLong(5, at += 20_000);
                            answer.addBatch();
                        }
                        remaining -= n;
                        answerRows += n;
                    }
                    session.setString(1, user);
                    session.setString(2, user);
                    session.setString(3, conversation);
                    session.setLong(4, updated - 60_000);
                    session.setLong(5, updated);
                    session.setInt(6, 4);
                    session.setLong(7, updated - 60_000);
                    session.setLong(8, 2L * conversations + 1);
                    session.addBatch();
                    latest.setString(1, conversation);
                    latest.setString(2, user);
                    latest.setString(3, user);
                    latest.setLong(4, updated - 60_000);
                    latest.setLong(5, updated);
                    latest.addBatch();
                    if ((i + 1) % 10_000 == 0) {
                        session.executeBatch();
                        answer.executeBatch();
                        latest.executeBatch();
                    }
                    if ((i + 1) % 250_000 == 0) {
                        c.commit();
                        System.out.printf("  prefill: %,d sessions, %,d answers (%.0f s)%n", i + 1, answerRows,
                                (System.nanoTime() - t0) / 1e9);
                    }
                }
                session.executeBatch();
                answer.executeBatch();
                latest.executeBatch();
                c.commit();
            }
            c.setAutoCommit(true);
            try (var s = c.createStatement()) {
                System.out.println("  prefill: rebuilding indexes");
                s.execute("CREATE INDEX answers_conversation ON answers (conversation_id, id)");
                s.execute("CREATE INDEX sessions_updated ON sessions (updated_at)");
                for (var index : CONVERSATION_INDEXES) {
                    s.execute("CREATE INDEX " + index);
                }
                s.execute("PRAGMA journal_mode=WAL");
            }
        }
        System.out.printf("  prefill: done in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** A cache key for a prefilled file: the sizes and the schema text. */
    static String key(long sessions, long answers, byte[] schema) {
        return sessions + "-" + answers + "-" + UUID.nameUUIDFromBytes(schema).toString().substring(0, 8);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
