package wabot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Answer;
import wabot.conversation.Session;
import wabot.conversation.SessionState;
import wabot.conversation.Value;
import wabot.flow.ExactJson;
import wabot.flow.QuestionSpecs;

/** SQLite's writer remembers each session as it saved it: exactly what a read returns, and never an outdated one. */
class LatestSessionsTest {
    private static final String USER = "5511999990001";
    /** Microseconds, as the JDK's clock gives them; the columns keep milliseconds. */
    private static final Instant NOW = Instant.parse("2026-12-05T10:15:30.123456Z");

    @TempDir
    Path folder;
    Database db;
    final SessionStore store = new SessionStore();
    final LatestSessions remembered = LatestSessions.rememberedByTheWriter(store);

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + folder.resolve("wabot.db"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theSessionRememberedIsTheOneAReadReturns() throws Exception {
        var extra = QuestionSpecs.fromApi(ExactJson.MAPPER.readTree("""
                [{"id": "size", "text": "Which size?", "type": "choice",
                  "options": [{"id": "S", "title": "Small"}, {"id": "L", "title": "Large"}]},
                 {"id": "note", "text": "Anything else?", "required": false,
                  "when": {"size": "L"}}]"""), List.of());
        var fields = new LinkedHashMap<String, Value>();
        fields.put("latitude", Value.number(new BigDecimal("-23.5505")));
        fields.put("name", Value.text("Praça da Sé"));
        var recorded = List.of(
                new Answer("name", "Ana", null, NOW),
                new Answer("amount", Value.number(new BigDecimal("12.50")), null, NOW.plusMillis(1)),
                new Answer("agree", Value.bool(true), "yes", NOW.plusMillis(2)),
                new Answer("where", new Value.Fields(fields), null, NOW.plusMillis(3)));
        var first = waiting(0, List.of(), extra, 1);
        save(first, List.of());
        var second = waiting(1, recorded, extra, 5);
        save(second, recorded);

        var fromMemory = db.write(h -> remembered.load(h, USER)).orElseThrow();
        var read = db.read(h -> store.load(h, USER)).orElseThrow();
        assertThat(fromMemory).isEqualTo(read);
        assertThat(fromMemory.version()).isEqualTo(2);
        assertThat(fromMemory.answers()).hasSize(4);
    }

    @Test
    void aSavedSessionLoadsFromMemory() {
        save(waiting(0, List.of(), List.of(), 1), List.of());
        // Changed behind the writer's back without a new version, which wabot itself never does: only memory
        // can still say otherwise.
        db.write(h -> h.execute("UPDATE sessions SET wa_id = 'changed' WHERE user_key = ?", USER));

        assertThat(db.write(h -> remembered.load(h, USER)).orElseThrow().waId()).isEqualTo(USER);
        assertThat(db.write(h -> LatestSessions.readEachTime(store).load(h, USER)).orElseThrow().waId())
                .isEqualTo("changed");
    }

    @Test
    void aSessionChangedSinceItWasRememberedFailsToSaveAndIsReadAgain() {
        save(waiting(0, List.of(), List.of(), 3), List.of());
        // The sweep of expired work rewrites the row and raises its version.
        db.write(h -> new Retention().clearExpiredWork(h, NOW.plusSeconds(60)));

        assertThatThrownBy(() -> db.write(h -> {
            var outdated = remembered.load(h, USER).orElseThrow();
            remembered.save(h, outdated, List.of());
            return null;
        })).isInstanceOf(StaleSession.class);

        var again = db.write(h -> remembered.load(h, USER)).orElseThrow();
        assertThat(again.position()).isZero();
        assertThat(again.version()).isEqualTo(2);
    }

    @Test
    void aSessionReadInATransactionThatRollsBackIsForgotten() {
        save(waiting(0, List.of(), List.of(), 1), List.of());
        var writer = LatestSessions.rememberedByTheWriter(store); // holds nothing yet: its first load reads the row
        assertThatThrownBy(() -> db.write(h -> {
            // A write earlier in the same transaction, which the read sees and the rollback undoes.
            h.execute("UPDATE sessions SET position = 7, version = version + 1 WHERE user_key = ?", USER);
            assertThat(writer.load(h, USER).orElseThrow().position()).isEqualTo(7);
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        var after = db.write(h -> writer.load(h, USER)).orElseThrow();
        assertThat(after.position()).isEqualTo(1);
        assertThat(after.version()).isEqualTo(1);
    }

    @Test
    void anEndedConversationIsRememberedWithoutItsAnswers() {
        var recorded = List.of(new Answer("name", "Ana", null, NOW));
        save(waiting(0, recorded, List.of(), 1), recorded);
        var stored = db.write(h -> remembered.load(h, USER)).orElseThrow();
        var ended = new Session(USER, USER, null, SessionState.CONVERSATION_ENDED, "c-1", stored.startedAt(), NOW,
                List.of(), 1, stored.answers(), 1, null, 0, stored.version());
        save(ended, List.of());

        var fromMemory = db.write(h -> remembered.load(h, USER)).orElseThrow();
        assertThat(fromMemory).isEqualTo(db.read(h -> store.load(h, USER)).orElseThrow());
        assertThat(fromMemory.answers()).isEmpty();
    }

    private void save(Session next, List<Answer> recorded) {
        db.write(h -> {
            remembered.save(h, next, recorded);
            return null;
        });
    }

    /** The person's session at {@code version}, holding the answers remembered so far and {@code recorded}. */
    private Session waiting(long version, List<Answer> recorded, List<wabot.conversation.Question> extra,
                            int position) {
        var answers = new ArrayList<Answer>();
        if (version > 0) {
            answers.addAll(db.write(h -> remembered.load(h, USER)).orElseThrow().answers());
        }
        answers.addAll(recorded);
        return new Session(USER, USER, null, SessionState.WAITING_FOR_ANSWER, "c-1", NOW, NOW.plusNanos(789),
                extra, position, answers, 0, NOW, 2, version);
    }
}
