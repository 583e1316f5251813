package wabot.store;

import static wabot.store.Columns.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import wabot.conversation.Answer;
import wabot.conversation.Question;
import wabot.conversation.Session;
import wabot.conversation.SessionState;
import wabot.flow.QuestionSpecs;
import wabot.numbers.UserKey;

/** Sessions and their answers. Saving is optimistic: it fails with {@link StaleSession} if someone saved first. */
public final class SessionStore {
    private static final String COLUMNS = "user_key, wa_id, user_id, state, conversation_id, started_at, updated_at,"
            + " extra_questions, position, submissions, flood_window, flood_count, version";

    public Optional<Session> load(Handle h, String userKey) {
        return h.createQuery("SELECT " + COLUMNS + " FROM sessions WHERE user_key = :user")
                .bind("user", userKey)
                .map((rs, ctx) -> session(rs))
                .findOne()
                .map(session -> holdsAnswers(session)
                        ? withAnswers(session, answers(h, session.conversationId()), session.extraQuestions())
                        : session);
    }

    /** A loaded session carries its conversation's answers only while that conversation is open. */
    private static boolean holdsAnswers(Session s) {
        return s.state() != SessionState.CONVERSATION_ENDED && s.conversationId() != null;
    }

    private static Session withAnswers(Session s, List<Answer> answers, List<Question> extraQuestions) {
        return new Session(s.userKey(), s.waId(), s.userId(), s.state(), s.conversationId(), s.startedAt(),
                s.updatedAt(), extraQuestions, s.position(), answers, s.submissions(), s.floodWindow(),
                s.floodCount(), s.version());
    }

    private static final String CREATE = """
            INSERT INTO sessions (wa_id, user_id, state, conversation_id, started_at, updated_at, extra_questions,
                position, submissions, flood_window, flood_count, user_key, number_scope, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
            ON CONFLICT (user_key) DO NOTHING""";
    private static final String UPDATE = """
            UPDATE sessions SET wa_id = ?, user_id = ?, state = ?, conversation_id = ?, started_at = ?, updated_at = ?,
                extra_questions = ?, position = ?, submissions = ?, flood_window = ?, flood_count = ?,
                version = version + 1
            WHERE user_key = ? AND version = ?""";
    private static final String ANSWER = """
            INSERT INTO answers (user_key, conversation_id, question_id, value, value_kind, choice_id, answered_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    /**
     * Stores {@code next} if the stored version is still {@code next.version()}, and appends {@code recorded}.
     * Returns the session exactly as {@link #load} would now read it, built from the values just written: times in
     * milliseconds, recorded answers and extra questions as their columns give them back. The answers {@code next}
     * held before are taken as they were loaded.
     */
    public Session save(Handle h, Session next, List<Answer> recorded) {
        boolean fresh = next.version() == 0;
        var extra = write(next.extraQuestions());
        int changed = HotStatements.update(h, fresh ? CREATE : UPDATE, s -> {
            HotStatements.text(s, 1, next.waId());
            HotStatements.text(s, 2, next.userId());
            s.setString(3, next.state().name());
            HotStatements.text(s, 4, next.conversationId());
            HotStatements.number(s, 5, millis(next.startedAt()));
            HotStatements.number(s, 6, millis(next.updatedAt()));
            s.setString(7, extra);
            s.setInt(8, next.position());
            s.setInt(9, next.submissions());
            HotStatements.number(s, 10, millis(next.floodWindow()));
            s.setInt(11, next.floodCount());
            s.setString(12, next.userKey());
            if (fresh) {
                s.setString(13, UserKey.scope(next.userKey()));
            } else {
                s.setLong(13, next.version());
            }
        });
        if (changed != 1) {
            throw new StaleSession(next.userKey(), next.version());
        }
        var stored = new IdentityHashMap<Answer, Answer>();
        for (var answer : recorded) {
            var text = Wire.valueText(answer.value());
            var kind = Wire.valueKind(answer.value());
            long at = answer.answeredAt().toEpochMilli();
            HotStatements.update(h, ANSWER, s -> {
                s.setString(1, next.userKey());
                s.setString(2, next.conversationId());
                s.setString(3, answer.questionId());
                HotStatements.text(s, 4, text);
                HotStatements.text(s, 5, kind);
                HotStatements.text(s, 6, answer.choiceId());
                s.setLong(7, at);
            });
            stored.put(answer, answer(answer.questionId(), text, kind, answer.choiceId(), at));
        }
        var session = new Session(next.userKey(), next.waId(), next.userId(), next.state(), next.conversationId(),
                fromMillis(millis(next.startedAt())), fromMillis(millis(next.updatedAt())), List.of(), next.position(),
                List.of(), next.submissions(), fromMillis(millis(next.floodWindow())), next.floodCount(),
                next.version() + 1);
        var extraQuestions = next.extraQuestions().isEmpty() ? List.<Question>of() : read(extra);
        if (!holdsAnswers(session)) {
            return withAnswers(session, List.of(), extraQuestions);
        }
        var answers = next.answers().stream().map(a -> stored.getOrDefault(a, a)).toList();
        return withAnswers(session, answers, extraQuestions);
    }

    /**
     * Marks the answers of a conversation to these questions as withdrawn: the person went back over them. They stay
     * on file; they no longer load with the session.
     */
    public void withdraw(Handle h, String conversationId, List<String> questionIds, Instant now) {
        var batch = h.prepareBatch("""
                UPDATE answers SET withdrawn_at = :now
                WHERE conversation_id = :conversation AND question_id = :question AND withdrawn_at IS NULL""");
        for (var id : questionIds) {
            batch.bind("now", now.toEpochMilli()).bind("conversation", conversationId).bind("question", id).add();
        }
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    /** Sessions in an active conversation, most recently active first; of one number's scope unless it is null. */
    public List<Session> active(Handle h, String scope, int limit) {
        var query = h.createQuery("SELECT " + COLUMNS + " FROM sessions WHERE state <> 'CONVERSATION_ENDED'"
                        + (scope == null ? "" : " AND number_scope = :scope") + " ORDER BY updated_at DESC LIMIT :limit")
                .bind("limit", limit);
        if (scope != null) {
            query.bind("scope", scope);
        }
        return query.map((rs, ctx) -> session(rs)).list();
    }

    /** Every answer of one conversation that still counts, in the order given. */
    public List<Answer> answers(Handle h, String conversationId) {
        return h.createQuery("""
                        SELECT question_id, value, value_kind, choice_id, answered_at FROM answers
                        WHERE conversation_id = :conversation AND withdrawn_at IS NULL ORDER BY id""")
                .bind("conversation", conversationId)
                .map((rs, ctx) -> answer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5)))
                .list();
    }

    /** An answer as its row holds it. */
    private static Answer answer(String questionId, String value, String kind, String choiceId, long answeredAt) {
        return new Answer(questionId, Wire.value(value, kind), choiceId, Instant.ofEpochMilli(answeredAt));
    }

    /** Maps {@link #COLUMNS} by position: the driver's lookup by name costs more than the query. */
    private Session session(ResultSet rs) throws SQLException {
        return new Session(rs.getString(1), rs.getString(2), rs.getString(3), SessionState.valueOf(rs.getString(4)),
                rs.getString(5), instant(rs, 6), instant(rs, 7), read(rs.getString(8)), rs.getInt(9), List.of(),
                rs.getInt(10), instant(rs, 11), rs.getInt(12), rs.getLong(13));
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant fromMillis(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static String write(List<Question> questions) {
        return questions.isEmpty() ? "[]" : QuestionSpecs.write(questions);
    }

    private static List<Question> read(String value) {
        return "[]".equals(value) ? List.of() : QuestionSpecs.read(value);
    }
}
