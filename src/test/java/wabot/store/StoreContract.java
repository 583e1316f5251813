package wabot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import wabot.conversation.Reply;
import wabot.conversation.Answer;
import wabot.conversation.MessageKind;
import wabot.conversation.Question;
import wabot.conversation.Value;
import wabot.conversation.Session;
import wabot.conversation.SessionState;
import wabot.whatsapp.Inbound;
import wabot.whatsapp.StatusUpdate;

/**
 * What every store promises, whatever the database. Each subclass runs these very methods against one real
 * database engine, freshly migrated for every test.
 */
abstract class StoreContract {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    /** Every schema version both dialects must have, in order. */
    /** Every migration the build ships, by version: V1__core.sql is "1". */
    static final List<String> MIGRATIONS = migrations();

    final InboxStore inbox = new InboxStore();
    final SessionStore sessions = new SessionStore();
    final OutboxStore outbox = new OutboxStore();
    final SubmissionStore submissions = new SubmissionStore();
    String url;
    Database db;

    /** The JDBC URL of an empty database that belongs to the current test only. */
    abstract String emptyDatabaseUrl();

    /** The JDBC URL of a database of the current test only, possibly migrated already. */
    String freshDatabaseUrl() {
        return emptyDatabaseUrl();
    }

    @BeforeEach
    void openDatabase() {
        url = freshDatabaseUrl();
        db = Database.open(url);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    // --- schema ---------------------------------------------------------------------------------------------

    @Test
    void migrationCreatesEveryTableAndRecordsEachVersion() {
        db.close();
        url = emptyDatabaseUrl();
        db = Database.open(url);
        var versions = read((Handle h) -> h.createQuery(
                        "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
                .mapTo(String.class).list());
        assertThat(versions).isEqualTo(MIGRATIONS);
        for (var table : List.of("inbox", "sessions", "answers", "outbox", "submissions", "instances")) {
            assertThat(read((Handle h) -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one()))
                    .as(table).isZero();
        }
    }

    @Test
    void openingAgainDoesNotMigrateAgain() {
        write((Handle h) -> inbox.accept(h, List.of(text("m1", "111", "1")), T0));
        db.close();
        db = Database.open(url);
        assertThat(read((Handle h) -> h.createQuery("SELECT COUNT(*) FROM flyway_schema_history")
                .mapTo(Integer.class).one())).isEqualTo(MIGRATIONS.size());
        assertThat(ids(read((Handle h) -> inbox.pending(h, "111", 10)))).containsExactly("m1");
    }

    // --- inbox ----------------------------------------------------------------------------------------------

    @Test
    void jdbcBatchCountsAreOnePerRow() {
        // InboxStore.accept relies on this: with ON CONFLICT DO NOTHING, each row of the batch reports 1 or 0.
        int[] counts = write((Handle h) -> {
            var batch = h.prepareBatch("""
                    INSERT INTO inbox (message_id, user_key, type, kind, received_at) VALUES (:id, 'u', 'text', 'TEXT', 0)
                    ON CONFLICT (message_id) DO NOTHING""");
            for (var id : List.of("a", "b", "a", "c", "b")) {
                batch.bind("id", id).add();
            }
            return batch.execute();
        });
        assertThat(counts).containsExactly(1, 1, 0, 1, 0);
    }

    @Test
    void acceptDropsDuplicatesWithinOneBatch() {
        var a = text("wamid.a", "111", "hola");
        var b = text("wamid.b", "111", "Ana");
        var accepted = write((Handle h) -> inbox.accept(h, List.of(a, b, a), T0));
        assertThat(accepted).containsExactly(a, b);
        assertThat(ids(read((Handle h) -> inbox.pending(h, "111", 10)))).containsExactly("wamid.a", "wamid.b");
    }

    @Test
    void acceptDropsMessagesSeenInEarlierBatches() {
        var a = text("wamid.a", "111", "hola");
        var b = text("wamid.b", "111", "Ana");
        var c = text("wamid.c", "111", "ana@example.com");
        write((Handle h) -> inbox.accept(h, List.of(a, b), T0));
        var accepted = write((Handle h) -> inbox.accept(h, List.of(b, c, a), T0.plusSeconds(1)));
        assertThat(accepted).containsExactly(c);
        assertThat(write((Handle h) -> inbox.accept(h, List.of(a, b, c), T0.plusSeconds(2)))).isEmpty();
        assertThat(ids(read((Handle h) -> inbox.pending(h, "111", 10)))).containsExactly("wamid.a", "wamid.b", "wamid.c");
    }

    @Test
    void acceptStoresEveryField() {
        var sent = T0.minusSeconds(5);
        var choice = new Inbound("wamid.x", "bsuid.1", null, "bsuid.1", "Zoë \"Z\"", "interactive",
                MessageKind.CHOICE, "Sí, por favor", "yes", sent);
        var unsupported = new Inbound("wamid.y", "bsuid.1", null, "bsuid.1", null, "image",
                MessageKind.UNSUPPORTED, null, null, null);
        write((Handle h) -> inbox.accept(h, List.of(choice, unsupported), T0));
        var rows = read((Handle h) -> inbox.pending(h, "bsuid.1", 10));
        assertThat(rows).extracting(InboxStore.Row::message).containsExactly(choice, unsupported);
    }

    @Test
    void pendingIsInArrivalOrderPerPersonAndHonoursTheLimit() {
        write((Handle h) -> inbox.accept(h, List.of(text("m1", "111", "1"), text("n1", "222", "1")), T0));
        write((Handle h) -> inbox.accept(h, List.of(text("m2", "111", "2")), T0));
        write((Handle h) -> inbox.accept(h, List.of(text("n2", "222", "2"), text("m3", "111", "3")), T0));
        assertThat(ids(read((Handle h) -> inbox.pending(h, "111", 10)))).containsExactly("m1", "m2", "m3");
        assertThat(ids(read((Handle h) -> inbox.pending(h, "111", 2)))).containsExactly("m1", "m2");
        assertThat(ids(read((Handle h) -> inbox.pending(h, "222", 10)))).containsExactly("n1", "n2");
        var rows = read((Handle h) -> inbox.pending(h, "111", 10));
        assertThat(rows.get(0).id()).isLessThan(rows.get(1).id());
        assertThat(rows.get(1).id()).isLessThan(rows.get(2).id());
    }

    @Test
    void usersWithPendingListsOldestFirstAndForgetsFinishedPeople() {
        write((Handle h) -> inbox.accept(h, List.of(text("b1", "222", "x"), text("a1", "111", "x"),
                text("c1", "333", "x"), text("a2", "111", "y")), T0));
        assertThat(read((Handle h) -> inbox.usersWithPending(h, 10))).containsExactly("222", "111", "333");
        assertThat(read((Handle h) -> inbox.usersWithPending(h, 2))).containsExactly("222", "111");

        var first = read((Handle h) -> inbox.pending(h, "222", 10)).get(0);
        write((Handle h) -> inbox.markDone(h, first.id(), "conv", T0));
        assertThat(read((Handle h) -> inbox.usersWithPending(h, 10))).containsExactly("111", "333");
    }

    @Test
    void markDoneSucceedsOnlyOnce() {
        write((Handle h) -> inbox.accept(h, List.of(text("m1", "111", "1"), text("m2", "111", "2")), T0));
        var row = read((Handle h) -> inbox.pending(h, "111", 10)).get(0);
        assertThat(write((Handle h) -> inbox.markDone(h, row.id(), "conv-1", T0))).isTrue();
        assertThat(write((Handle h) -> inbox.markDone(h, row.id(), "conv-1", T0))).isFalse();
        assertThat(ids(read((Handle h) -> inbox.pending(h, "111", 10)))).containsExactly("m2");
        var stored = read((Handle h) -> inbox.recent(h, "111", 10)).get(0);
        assertThat(stored.get("status")).isEqualTo("done");
        assertThat(stored.get("conversation_id")).isEqualTo("conv-1");
    }

    @Test
    void concurrentMarkDoneHasOneWinner() throws Exception {
        write((Handle h) -> inbox.accept(h, List.of(text("m1", "111", "1")), T0));
        var row = read((Handle h) -> inbox.pending(h, "111", 10)).get(0);
        var results = race(() -> write((Handle h) -> inbox.markDone(h, row.id(), "c", T0)),
                () -> write((Handle h) -> inbox.markDone(h, row.id(), "c", T0)));
        assertThat(results).containsExactlyInAnyOrder(true, false);
    }

    // --- sessions -------------------------------------------------------------------------------------------

    @Test
    void firstSaveInsertsAtVersionOne() {
        assertThat(read((Handle h) -> sessions.load(h, "111"))).isEmpty();
        var fresh = Session.fresh("111", "111", null);
        write((Handle h) -> save(h, fresh, List.of()));
        var loaded = read((Handle h) -> sessions.load(h, "111")).orElseThrow();
        assertThat(loaded.version()).isEqualTo(1);
        assertThat(loaded).isEqualTo(withVersion(fresh, 1));
    }

    @Test
    void saveWithTheStoredVersionUpdatesAndIncrements() {
        write((Handle h) -> save(h, Session.fresh("111", "111", null), List.of()));
        var v1 = read((Handle h) -> sessions.load(h, "111")).orElseThrow();
        var next = waiting(v1, "conv-1", 0, List.of());
        write((Handle h) -> save(h, next, List.of()));
        var v2 = read((Handle h) -> sessions.load(h, "111")).orElseThrow();
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2).isEqualTo(withVersion(next, 2));
    }

    @Test
    void saveWithAnOldVersionIsStaleAndChangesNothing() {
        write((Handle h) -> save(h, Session.fresh("111", "111", null), List.of()));
        var v1 = read((Handle h) -> sessions.load(h, "111")).orElseThrow();
        write((Handle h) -> save(h, waiting(v1, "conv-1", 0, List.of()), List.of()));

        var answer = new Answer("name", "Ana", null, T0);
        assertThatThrownBy(() -> write((Handle h) -> save(h, waiting(v1, "conv-2", 1, List.of(answer)), List.of(answer))))
                .isInstanceOf(StaleSession.class);
        var stored = read((Handle h) -> sessions.load(h, "111")).orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.conversationId()).isEqualTo("conv-1");
        assertThat(read((Handle h) -> sessions.answers(h, "conv-2"))).as("rolled back with the session").isEmpty();
    }

    @Test
    void secondFirstInsertIsStale() {
        write((Handle h) -> save(h, Session.fresh("111", "111", null), List.of()));
        assertThatThrownBy(() -> write((Handle h) -> save(h, Session.fresh("111", "111", null), List.of())))
                .isInstanceOf(StaleSession.class);
    }

    @Test
    void concurrentFirstInsertsHaveOneWinnerAndOneStaleSession() throws Exception {
        var inserted = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        try {
            Future<Object> first = pool.submit(() -> write((Handle h) -> {
                save(h, waiting(Session.fresh("111", "111", null), "conv-A", 0, List.of()), List.of());
                inserted.countDown();
                pause(300); // the other insert arrives while this transaction is still open
                return null;
            }));
            assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Object> second = pool.submit(() -> write((Handle h) -> {
                save(h, waiting(Session.fresh("111", "111", null), "conv-B", 0, List.of()), List.of());
                return null;
            }));
            first.get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(StaleSession.class);
        } finally {
            pool.shutdownNow();
        }
        var stored = read((Handle h) -> sessions.load(h, "111")).orElseThrow();
        assertThat(stored.conversationId()).isEqualTo("conv-A");
        assertThat(stored.version()).isEqualTo(1);
    }

    @Test
    void concurrentUpdatesOfOneVersionHaveOneWinner() throws Exception {
        write((Handle h) -> save(h, Session.fresh("111", "111", null), List.of()));
        var v1 = read((Handle h) -> sessions.load(h, "111")).orElseThrow();
        var results = race(() -> saveOrStale(waiting(v1, "conv-A", 0, List.of())),
                () -> saveOrStale(waiting(v1, "conv-B", 0, List.of())));
        assertThat(results).containsExactlyInAnyOrder(true, false);
        assertThat(read((Handle h) -> sessions.load(h, "111")).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void answersAreAppendedAndLoadedOnlyForTheActiveConversation() {
        write((Handle h) -> save(h, Session.fresh("111", "111", null), List.of()));
        var s = read((Handle h) -> sessions.load(h, "111")).orElseThrow();

        var name = new Answer("name", "Ana", null, T0.plusSeconds(1));
        var email = new Answer("email", "ana@example.com", null, T0.plusSeconds(2));
        var started = waiting(s, "conv-1", 0, List.of());
        write((Handle h) -> save(h, started, List.of()));
        s = read((Handle h) -> sessions.load(h, "111")).orElseThrow();
        var afterName = waiting(s, "conv-1", 1, List.of(name));
        write((Handle h) -> save(h, afterName, List.of(name)));
        s = read((Handle h) -> sessions.load(h, "111")).orElseThrow();
        var afterEmail = waiting(s, "conv-1", 2, List.of(name, email));
        write((Handle h) -> save(h, afterEmail, List.of(email)));

        s = read((Handle h) -> sessions.load(h, "111")).orElseThrow();
        assertThat(s.answers()).containsExactly(name, email);

        // A new conversation starts empty; the old one's answers stay on file.
        var other = new Answer("name", "Bea", "choice-1", T0.plusSeconds(10));
        var restarted = waiting(s, "conv-2", 1, List.of(other));
        write((Handle h) -> save(h, restarted, List.of(other)));
        s = read((Handle h) -> sessions.load(h, "111")).orElseThrow();
        assertThat(s.answers()).containsExactly(other);
        assertThat(read((Handle h) -> sessions.answers(h, "conv-1"))).containsExactly(name, email);

        // An ended conversation loads no answers.
        var ended = copy(s, SessionState.CONVERSATION_ENDED, "conv-2", 1, List.of(other), List.of(), s.version());
        write((Handle h) -> save(h, ended, List.of()));
        s = read((Handle h) -> sessions.load(h, "111")).orElseThrow();
        assertThat(s.state()).isEqualTo(SessionState.CONVERSATION_ENDED);
        assertThat(s.answers()).isEmpty();
        assertThat(read((Handle h) -> sessions.answers(h, "conv-2"))).containsExactly(other);
        // Another person's answers never leak in.
        assertThat(read((Handle h) -> sessions.load(h, "222"))).isEmpty();
    }

    @Test
    void typedAnswersRoundTripAndAnswersFromBeforeTypesStayStrings() {
        var place = new java.util.LinkedHashMap<String, Value>();
        place.put("latitude", Value.number(new java.math.BigDecimal("-34.6037")));
        place.put("longitude", Value.number(new java.math.BigDecimal("-58.3816")));
        place.put("name", Value.text("Obelisco \"el\" 🌵"));
        var answers = List.of(
                new Answer("name", "true", null, T0.plusSeconds(1)),
                new Answer("people", Value.number(new java.math.BigDecimal("1500")), null, T0.plusSeconds(2)),
                new Answer("share", Value.number(new java.math.BigDecimal("0.0000001")), null, T0.plusSeconds(3)),
                new Answer("urgent", Value.bool(true), "urgent:yes", T0.plusSeconds(4)),
                new Answer("place", new Value.Fields(place), null, T0.plusSeconds(5)));
        write((Handle h) -> save(h, waiting(Session.fresh("111", "111", null), "conv-1", 5, answers), answers));

        assertThat(read((Handle h) -> sessions.load(h, "111")).orElseThrow().answers()).isEqualTo(answers);
        var stored = read((Handle h) -> h.createQuery("SELECT value, value_kind FROM answers ORDER BY id")
                .map((rs, ctx) -> rs.getString(1) + "|" + rs.getString(2)).list());
        assertThat(stored).containsExactly("true|null", "1500|number", "0.0000001|number", "true|boolean",
                "{\"latitude\":-34.6037,\"longitude\":-58.3816,\"name\":\"Obelisco \\\"el\\\" 🌵\"}|object");

        // A row written before answers had types has no value_kind, and is read as the string it always was.
        write((Handle h) -> h.execute("INSERT INTO answers (user_key, conversation_id, question_id, value, choice_id, "
                + "answered_at) VALUES ('111', 'conv-1', 'old', '42', NULL, " + T0.plusSeconds(6).toEpochMilli() + ")"));
        assertThat(read((Handle h) -> sessions.answers(h, "conv-1")).get(5))
                .isEqualTo(new Answer("old", "42", null, T0.plusSeconds(6)));
    }

    @Test
    void withdrawnAnswersStayOnFileAndNoLongerLoad() {
        var name = new Answer("name", "Ana", null, T0.plusSeconds(1));
        var topic = new Answer("topic", Value.text("billing"), "topic:billing", T0.plusSeconds(2));
        write((Handle h) -> save(h, waiting(Session.fresh("111", "111", null), "conv-1", 2, List.of(name, topic)),
                List.of(name, topic)));

        write((Handle h) -> {
            sessions.withdraw(h, "conv-1", List.of("topic"), T0.plusSeconds(3));
            return null;
        });
        var again = new Answer("topic", Value.text("refunds"), "topic:refunds", T0.plusSeconds(4));
        var loaded = read((Handle h) -> sessions.load(h, "111")).orElseThrow();
        write((Handle h) -> save(h, waiting(loaded, "conv-1", 2, List.of(name, again)), List.of(again)));

        assertThat(read((Handle h) -> sessions.load(h, "111")).orElseThrow().answers()).containsExactly(name, again);
        assertThat(read((Handle h) -> h.createQuery("SELECT question_id || ':' || value || ':' || "
                        + "COALESCE(CAST(withdrawn_at AS TEXT), '-') FROM answers ORDER BY id").mapTo(String.class).list()))
                .containsExactly("name:Ana:-", "topic:billing:" + T0.plusSeconds(3).toEpochMilli(), "topic:refunds:-");
    }

    @Test
    void typedExtraQuestionsRoundTrip() {
        var extra = List.of(
                new Question("size", "¿Tamaño?", true, new wabot.answers.ChoiceAnswer(List.of(
                        new wabot.conversation.Choices.Option("s", "Chico", null),
                        new wabot.conversation.Choices.Option("l", "Grande", "Para 4 \"o más\""))),
                        wabot.conversation.Condition.ALWAYS, "Elegí un tamaño."),
                new Question("qty", "¿Cuántos?", false, new wabot.answers.NumberAnswer(true, java.math.BigDecimal.ONE,
                        new java.math.BigDecimal("2.5")), new wabot.conversation.Condition(List.of(
                        new wabot.conversation.Condition.Test("size", wabot.conversation.Condition.Operator.IN,
                                List.of(Value.text("l"))),
                        new wabot.conversation.Condition.Test("urgent", wabot.conversation.Condition.Operator.NOT,
                                List.of(Value.bool(false))))), null));
        var session = copy(Session.fresh("111", "111", null), SessionState.WAITING_FOR_ANSWER, "conv-1", 4,
                List.of(), extra, 0);
        write((Handle h) -> save(h, session, List.of()));

        assertThat(read((Handle h) -> sessions.load(h, "111")).orElseThrow().extraQuestions()).isEqualTo(extra);
    }

    @Test
    void extraQuestionsRoundTripAsJson() {
        var extra = List.of(new Question("phone", "¿Tu teléfono? \"con código\" 🌵", true),
                new Question("note", "Línea 1\nLínea 2 \\ fin", false));
        var session = copy(Session.fresh("111", "111", "bsuid.1"), SessionState.WAITING_FOR_ANSWER, "conv-1", 4,
                List.of(), extra, 0);
        write((Handle h) -> save(h, session, List.of()));
        var loaded = read((Handle h) -> sessions.load(h, "111")).orElseThrow();
        assertThat(loaded.extraQuestions()).isEqualTo(extra);
        assertThat(loaded).isEqualTo(withVersion(session, 1));
    }

    @Test
    void activeListsUnfinishedSessionsMostRecentFirst() {
        var older = copy(Session.fresh("111", "111", null), SessionState.WAITING_FOR_ANSWER, "c1", 0, List.of(),
                List.of(), 0);
        var ended = copy(Session.fresh("222", "222", null), SessionState.CONVERSATION_ENDED, "c2", 0, List.of(),
                List.of(), 0);
        var newer = new Session("333", "333", null, SessionState.PROCESSING_API, "c3", T0, T0.plusSeconds(60),
                List.of(), 0, List.of(), 1, null, 0, 0);
        write((Handle h) -> {
            save(h, older, List.of());
            save(h, ended, List.of());
            save(h, newer, List.of());
            return null;
        });
        assertThat(this.<List<Session>>read((Handle h) -> sessions.active(h, null, 10))).extracting(Session::userKey)
                .containsExactly("333", "111");
    }

    // --- numbers --------------------------------------------------------------------------------------------

    @Test
    void theFirstNumberEverServedKeepsTheBareKeysAndEveryScopeIsKeptForGood() {
        var numbers = new NumberStore();
        var first = this.<Map<String, String>>write((Handle h) -> numbers.register(h, List.of("111"), T0));
        var later = this.<Map<String, String>>write((Handle h) -> numbers.register(h, List.of("222", "111"),
                T0.plusSeconds(1)));
        var again = this.<Map<String, String>>write((Handle h) -> numbers.register(h, List.of("333", "222", "111"),
                T0.plusSeconds(2)));

        assertThat(first).containsExactly(Map.entry("111", ""));
        assertThat(later).containsExactly(Map.entry("222", "222"), Map.entry("111", ""));
        assertThat(again).containsExactly(Map.entry("333", "333"), Map.entry("222", "222"), Map.entry("111", ""));
    }

    @Test
    void rowsCarryTheScopeOfTheirNumberAndSessionsFilterByIt() {
        write((Handle h) -> {
            save(h, copy(Session.fresh("111", "111", null), SessionState.WAITING_FOR_ANSWER, "c1", 0, List.of(),
                    List.of(), 0), List.of());
            save(h, copy(Session.fresh("999:111", "111", null), SessionState.WAITING_FOR_ANSWER, "c2", 0, List.of(),
                    List.of(), 0), List.of());
            return null;
        });

        assertThat(this.<List<Session>>read((Handle h) -> sessions.active(h, "999", 10))).extracting(Session::userKey)
                .containsExactly("999:111");
        assertThat(this.<List<Session>>read((Handle h) -> sessions.active(h, "", 10))).extracting(Session::userKey)
                .containsExactly("111");
        assertThat(this.<List<String>>read((Handle h) -> h.createQuery(
                "SELECT number_scope FROM sessions ORDER BY number_scope").mapTo(String.class).list()))
                .containsExactly("", "999");
    }

    // --- outbox ---------------------------------------------------------------------------------------------

    @Test
    void enqueueKeepsOrderAndSplitsLongTexts() {
        var words = new StringBuilder();
        while (words.length() < 2 * OutboxStore.MAX_TEXT + 100) {
            words.append("palabra ");
        }
        var longText = words.toString().strip();
        write((Handle h) -> {
            outbox.enqueue(h, "111", "111", "conv", replies("first", longText, "last"), T0);
            return null;
        });
        var rows = read((Handle h) -> outbox.due(h, "111", T0, 100));
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).body()).isEqualTo("first");
        assertThat(rows.get(4).body()).isEqualTo("last");
        var parts = rows.subList(1, 4).stream().map(OutboxStore.Row::body).toList();
        assertThat(parts).allSatisfy(part -> assertThat(part.length()).isBetween(1, OutboxStore.MAX_TEXT));
        assertThat(String.join(" ", parts)).isEqualTo(longText);
        assertThat(rows).extracting(OutboxStore.Row::recipient).containsOnly("111");
        assertThat(rows).extracting(OutboxStore.Row::attempts).containsOnly(0);
    }

    @Test
    void enqueueOfNothingWritesNothing() {
        write((Handle h) -> {
            outbox.enqueue(h, "111", "111", "conv", replies(), T0);
            return null;
        });
        assertThat(read((Handle h) -> outbox.due(h, "111", T0, 10))).isEmpty();
    }

    @Test
    void usersDueRespectsEachPersonsOrder() {
        write((Handle h) -> {
            outbox.enqueue(h, "111", "111", "c", replies("a1", "a2"), T0);
            outbox.enqueue(h, "222", "222", "c", replies("b1"), T0);
            outbox.enqueue(h, "111", "111", "c", replies("a3"), T0);
            return null;
        });
        assertThat(read((Handle h) -> outbox.usersDue(h, T0, 10))).containsExactlyInAnyOrder("111", "222");
        assertThat(read((Handle h) -> outbox.usersDue(h, T0.minusMillis(1), 10))).isEmpty();

        // 111's first reply is held back: their later replies, although due, wait behind it.
        var a1 = read((Handle h) -> outbox.due(h, "111", T0, 10)).get(0);
        write((Handle h) -> {
            outbox.retryLater(h, a1.id(), T0.plusSeconds(30), 131056, "pair rate limit");
            return null;
        });
        assertThat(read((Handle h) -> outbox.usersDue(h, T0.plusSeconds(1), 10))).containsExactly("222");
        assertThat(read((Handle h) -> outbox.due(h, "111", T0.plusSeconds(1), 10))).isEmpty();

        assertThat(read((Handle h) -> outbox.usersDue(h, T0.plusSeconds(30), 10))).containsExactlyInAnyOrder("111", "222");
        assertThat(read((Handle h) -> outbox.due(h, "111", T0.plusSeconds(30), 10)))
                .extracting(OutboxStore.Row::body).containsExactly("a1", "a2", "a3");
    }

    @Test
    void dueStopsAtTheFirstRowNotYetDue() {
        write((Handle h) -> {
            outbox.enqueue(h, "111", "111", "c", replies("a1", "a2", "a3"), T0);
            return null;
        });
        var rows = read((Handle h) -> outbox.due(h, "111", T0, 10));
        write((Handle h) -> {
            outbox.markSent(h, rows.get(0).id(), "wamid.1", T0);
            outbox.retryLater(h, rows.get(1).id(), T0.plusSeconds(5), null, "network");
            return null;
        });
        assertThat(read((Handle h) -> outbox.due(h, "111", T0.plusSeconds(1), 10))).isEmpty();
        var later = read((Handle h) -> outbox.due(h, "111", T0.plusSeconds(5), 10));
        assertThat(later).extracting(OutboxStore.Row::body).containsExactly("a2", "a3");
        assertThat(later.get(0).attempts()).isEqualTo(1);
        assertThat(read((Handle h) -> outbox.due(h, "111", T0.plusSeconds(5), 1))).hasSize(1);
    }

    @Test
    void claimTakesOnlyTheHeadOfAPersonsQueueAndHoldsIt() {
        write((Handle h) -> {
            outbox.enqueue(h, "111", "111", "c", replies("a1", "a2"), T0);
            return null;
        });
        var rows = read((Handle h) -> outbox.due(h, "111", T0, 10));
        var first = rows.get(0).id();
        var second = rows.get(1).id();
        assertThat(write((Handle h) -> outbox.claim(h, second, "me", T0, T0.plusSeconds(60))))
                .as("a2 may not overtake a1").isFalse();
        assertThat(write((Handle h) -> outbox.claim(h, first, "me", T0, T0.plusSeconds(60)))).isTrue();
        assertThat(write((Handle h) -> outbox.claim(h, first, "me", T0.plusSeconds(1), T0.plusSeconds(61))))
                .as("held").isFalse();
        assertThat(read((Handle h) -> outbox.due(h, "111", T0.plusSeconds(1), 10))).as("nothing behind a1 either")
                .isEmpty();
        assertThat(read((Handle h) -> outbox.usersDue(h, T0.plusSeconds(1), 10))).isEmpty();

        // The holder died mid-send: once the hold ends the row is due again, and attempts are untouched.
        var again = read((Handle h) -> outbox.due(h, "111", T0.plusSeconds(60), 10));
        assertThat(again).extracting(OutboxStore.Row::body).containsExactly("a1", "a2");
        assertThat(again.get(0).attempts()).isZero();
        assertThat(write((Handle h) -> outbox.claim(h, first, "me", T0.plusSeconds(60), T0.plusSeconds(120)))).isTrue();
        write((Handle h) -> {
            outbox.markSent(h, first, "wamid.1", T0.plusSeconds(61));
            return null;
        });
        assertThat(write((Handle h) -> outbox.claim(h, first, "me", T0.plusSeconds(200), T0.plusSeconds(260))))
                .as("sent already").isFalse();
        assertThat(write((Handle h) -> outbox.claim(h, second, "me", T0.plusSeconds(61), T0.plusSeconds(121)))).isTrue();
    }

    @Test
    void onlyOneOfTwoConcurrentOutboxClaimsSucceeds() throws Exception {
        write((Handle h) -> {
            outbox.enqueue(h, "111", "111", "c", replies("a1", "a2", "a3", "a4", "a5"), T0);
            return null;
        });
        for (var row : read((Handle h) -> outbox.due(h, "111", T0, 10))) {
            var results = race(
                    () -> write((Handle h) -> outbox.claim(h, row.id(), "me", T0, T0.plusSeconds(60))),
                    () -> write((Handle h) -> outbox.claim(h, row.id(), "me", T0, T0.plusSeconds(60))));
            assertThat(results).as(row.body()).containsExactlyInAnyOrder(true, false);
            write((Handle h) -> {
                outbox.markSent(h, row.id(), "wamid." + row.id(), T0);
                return null;
            });
        }
    }

    @Test
    void markSentRetryLaterAndMarkFailedRecordTheOutcome() {
        write((Handle h) -> {
            outbox.enqueue(h, "111", "111", "c", replies("ok", "flaky", "refused"), T0);
            return null;
        });
        var rows = read((Handle h) -> outbox.due(h, "111", T0, 10));
        write((Handle h) -> {
            outbox.markSent(h, rows.get(0).id(), "wamid.ok", T0.plusSeconds(1));
            outbox.retryLater(h, rows.get(1).id(), T0.plusSeconds(2), 130429, "throughput");
            outbox.retryLater(h, rows.get(1).id(), T0.plusSeconds(4), null, "network: reset");
            outbox.markFailed(h, rows.get(2).id(), 131047, "re-engagement window closed", T0.plusSeconds(3));
            return null;
        });
        var stored = read((Handle h) -> outbox.recent(h, "111", 10));
        assertThat(stored.get(0)).containsEntry("status", "sent").containsEntry("wamid", "wamid.ok")
                .containsEntry("delivery", "accepted");
        assertThat(number(stored.get(0).get("attempts"))).isEqualTo(1);
        assertThat(number(stored.get(0).get("sent_at"))).isEqualTo(T0.plusSeconds(1).toEpochMilli());

        assertThat(stored.get(1)).containsEntry("status", "pending").containsEntry("error_detail", "network: reset");
        assertThat(number(stored.get(1).get("attempts"))).isEqualTo(2);

        assertThat(stored.get(2)).containsEntry("status", "failed").containsEntry("delivery", "failed")
                .containsEntry("error_detail", "re-engagement window closed");
        assertThat(number(stored.get(2).get("error_code"))).isEqualTo(131047);
        assertThat(read((Handle h) -> outbox.status(h, rows.get(2).id()))).isEqualTo("failed");
    }

    @Test
    void applyStatusNeverGoesBackAndFailureAlwaysWins() {
        write((Handle h) -> {
            outbox.enqueue(h, "111", "111", "c", replies("one", "two"), T0);
            return null;
        });
        var rows = read((Handle h) -> outbox.due(h, "111", T0, 10));
        write((Handle h) -> {
            outbox.markSent(h, rows.get(0).id(), "wamid.1", T0);
            outbox.markSent(h, rows.get(1).id(), "wamid.2", T0);
            return null;
        });

        assertThat(apply("wamid.1", "delivered", null, null)).isEqualTo(1);
        assertThat(apply("wamid.1", "sent", null, null)).isZero();
        assertThat(delivery(0)).isEqualTo("delivered");
        assertThat(apply("wamid.1", "read", null, null)).isEqualTo(1);
        assertThat(apply("wamid.1", "delivered", null, null)).isZero();
        assertThat(delivery(0)).isEqualTo("read");

        assertThat(apply("wamid.2", "delivered", null, null)).isEqualTo(1);
        assertThat(apply("wamid.2", "failed", 131026, "receiver incapable")).isEqualTo(1);
        assertThat(apply("wamid.2", "read", null, null)).isZero();
        assertThat(apply("wamid.2", "failed", null, null)).as("failed always applies").isEqualTo(1);
        var failed = read((Handle h) -> outbox.recent(h, "111", 10)).get(1);
        assertThat(failed).containsEntry("delivery", "failed").containsEntry("error_detail", "receiver incapable");
        assertThat(number(failed.get("error_code"))).isEqualTo(131026);
        assertThat(failed.get("status")).as("the send itself succeeded").isEqualTo("sent");

        assertThat(apply("wamid.unknown", "delivered", null, null)).isZero();
    }

    // --- submissions ----------------------------------------------------------------------------------------

    @Test
    void createIsIdempotent() {
        write((Handle h) -> {
            submissions.create(h, "sub-1", "111", "conv-1", "{\"a\":1}", T0);
            submissions.create(h, "sub-1", "111", "conv-1", "{\"a\":2}", T0.plusSeconds(1));
            return null;
        });
        assertThat(read((Handle h) -> submissions.due(h, T0, 10)))
                .containsExactly(new SubmissionStore.Row("sub-1", "111", "{\"a\":1}", 0));
        assertThat(read((Handle h) -> submissions.recent(h, "111", 10))).hasSize(1);
    }

    @Test
    void dueListsPendingSubmissionsInTheOrderTheyFallDue() {
        write((Handle h) -> {
            submissions.create(h, "late", "111", "c1", "{}", T0.plusSeconds(5));
            submissions.create(h, "early", "222", "c2", "{}", T0);
            submissions.create(h, "closed", "333", "c3", "{}", T0);
            submissions.resolve(h, "closed", true, "{}", T0);
            return null;
        });
        assertThat(read((Handle h) -> submissions.due(h, T0, 10))).extracting(SubmissionStore.Row::id)
                .containsExactly("early");
        assertThat(read((Handle h) -> submissions.due(h, T0.plusSeconds(5), 10))).extracting(SubmissionStore.Row::id)
                .containsExactly("early", "late");
        assertThat(read((Handle h) -> submissions.due(h, T0.plusSeconds(5), 1))).hasSize(1);
    }

    @Test
    void claimHoldsASubmissionUntilItsLeaseEnds() {
        write((Handle h) -> {
            submissions.create(h, "sub-1", "111", "c1", "{}", T0);
            return null;
        });
        var row = read((Handle h) -> submissions.due(h, T0, 10)).get(0);
        assertThat(write((Handle h) -> submissions.claim(h, row.id(), row.attempts(), "me", T0, T0.plusSeconds(40)))).isTrue();
        assertThat(read((Handle h) -> submissions.due(h, T0.plusSeconds(39), 10))).isEmpty();
        assertThat(write((Handle h) -> submissions.claim(h, row.id(), row.attempts(), "me", T0.plusSeconds(1), T0.plusSeconds(41))))
                .as("claimed already").isFalse();
        var expired = read((Handle h) -> submissions.due(h, T0.plusSeconds(40), 10));
        assertThat(expired).containsExactly(new SubmissionStore.Row("sub-1", "111", "{}", 1));
        assertThat(write((Handle h) -> submissions.claim(h, "sub-1", 0, "me", T0.plusSeconds(40), T0.plusSeconds(80))))
                .as("a claim from a stale read").isFalse();
        assertThat(write((Handle h) -> submissions.claim(h, "sub-1", 1, "me", T0.plusSeconds(40), T0.plusSeconds(80)))).isTrue();
    }

    @Test
    void onlyOneOfTwoConcurrentClaimsSucceeds() throws Exception {
        write((Handle h) -> {
            submissions.create(h, "sub-1", "111", "c1", "{}", T0);
            return null;
        });
        for (int round = 0; round < 5; round++) {
            var now = T0.plusSeconds(3600L * round);
            var row = read((Handle h) -> submissions.due(h, now, 10)).get(0);
            var results = race(
                    () -> write((Handle h) -> submissions.claim(h, row.id(), row.attempts(), "me", now, now.plusSeconds(60))),
                    () -> write((Handle h) -> submissions.claim(h, row.id(), row.attempts(), "me", now, now.plusSeconds(60))));
            assertThat(results).as("round " + round).containsExactlyInAnyOrder(true, false);
            // the claim's lease is over by the next round
        }
        assertThat(number(read((Handle h) -> submissions.recent(h, "111", 10)).get(0).get("attempts"))).isEqualTo(5);
    }

    @Test
    void postponeHoldsBackAPendingSubmissionOnly() {
        write((Handle h) -> {
            submissions.create(h, "sub-1", "111", "c1", "{}", T0);
            return null;
        });
        assertThat(write((Handle h) -> submissions.postpone(h, "sub-1", 1, T0.plusSeconds(10), "HTTP 503"))).isTrue();
        assertThat(read((Handle h) -> submissions.due(h, T0.plusSeconds(9), 10))).isEmpty();
        assertThat(read((Handle h) -> submissions.due(h, T0.plusSeconds(10), 10)))
                .containsExactly(new SubmissionStore.Row("sub-1", "111", "{}", 1));
        assertThat(read((Handle h) -> submissions.recent(h, "111", 1)).get(0)).containsEntry("error", "HTTP 503");
        write((Handle h) -> {
            submissions.resolve(h, "sub-1", false, "gave up", T0.plusSeconds(11));
            return null;
        });
        assertThat(write((Handle h) -> submissions.postpone(h, "sub-1", 2, T0.plusSeconds(20), "late"))).isFalse();
    }

    @Test
    void resolveClosesOnceAndKeepsTheOutcome() {
        write((Handle h) -> {
            submissions.create(h, "ok", "111", "c1", "{}", T0);
            submissions.create(h, "ko", "111", "c2", "{}", T0.plusSeconds(1));
            return null;
        });
        write((Handle h) -> {
            submissions.resolve(h, "ok", true, "{\"continue_conversation\":false}", T0.plusSeconds(2));
            submissions.resolve(h, "ok", false, "too late", T0.plusSeconds(3));
            submissions.resolve(h, "ko", false, "HTTP 400", T0.plusSeconds(4));
            return null;
        });
        assertThat(read((Handle h) -> submissions.due(h, T0.plusSeconds(60), 10))).isEmpty();
        var rows = read((Handle h) -> submissions.recent(h, "111", 10));
        var ok = rows.stream().filter(r -> r.get("id").equals("ok")).findFirst().orElseThrow();
        var ko = rows.stream().filter(r -> r.get("id").equals("ko")).findFirst().orElseThrow();
        assertThat(ok).containsEntry("status", "done").containsEntry("response", "{\"continue_conversation\":false}");
        assertThat(ok.get("error")).isNull();
        assertThat(number(ok.get("completed_at"))).isEqualTo(T0.plusSeconds(2).toEpochMilli());
        assertThat(ko).containsEntry("status", "failed").containsEntry("error", "HTTP 400");
        assertThat(ko.get("response")).isNull();
    }

    // --- claims and instances -------------------------------------------------------------------------------

    @Test
    void releasingAnOwnersClaimsFreesOnlyWhatItHoldsAndHasNotSent() {
        write((Handle h) -> {
            outbox.enqueue(h, "111", "111", "c", replies("held by the dead"), T0);
            outbox.enqueue(h, "222", "222", "c", replies("held by a peer"), T0);
            outbox.enqueue(h, "333", "333", "c", replies("sent by the dead", "retry of the dead"), T0);
            return null;
        });
        long held = read((Handle h) -> outbox.due(h, "111", T0, 10)).get(0).id();
        long peers = read((Handle h) -> outbox.due(h, "222", T0, 10)).get(0).id();
        var third = read((Handle h) -> outbox.due(h, "333", T0, 10));
        write((Handle h) -> {
            assertThat(outbox.claim(h, held, "dead", T0, T0.plusSeconds(60))).isTrue();
            assertThat(outbox.claim(h, peers, "peer", T0, T0.plusSeconds(60))).isTrue();
            assertThat(outbox.claim(h, third.get(0).id(), "dead", T0, T0.plusSeconds(60))).isTrue();
            outbox.markSent(h, third.get(0).id(), "wamid.sent", T0);
            assertThat(outbox.claim(h, third.get(1).id(), "dead", T0, T0.plusSeconds(60))).isTrue();
            outbox.retryLater(h, third.get(1).id(), T0.plusSeconds(30), null, "network");
            return null;
        });

        assertThat(write((Handle h) -> outbox.releaseClaims(h, "dead", T0.plusSeconds(5)))).isEqualTo(1);

        var at = T0.plusSeconds(5);
        assertThat(read((Handle h) -> outbox.due(h, "111", at, 10))).extracting(OutboxStore.Row::body)
                .as("freed, due at once, attempts untouched").containsExactly("held by the dead");
        assertThat(read((Handle h) -> outbox.due(h, "222", at, 10))).as("a live peer's claim holds").isEmpty();
        assertThat(read((Handle h) -> outbox.due(h, "333", at, 10))).as("a retry keeps its time").isEmpty();
        assertThat(read((Handle h) -> outbox.status(h, third.get(0).id()))).isEqualTo("sent");
        assertThat(write((Handle h) -> outbox.claim(h, held, "heir", at, at.plusSeconds(60)))).isTrue();
        assertThat(write((Handle h) -> outbox.releaseClaims(h, "dead", at))).as("nothing is the dead's any more")
                .isZero();
    }

    @Test
    void releasingAnOwnersSubmissionsMakesThemDueWithTheirAttemptsKept() {
        write((Handle h) -> {
            submissions.create(h, "dead-1", "111", "c1", "{}", T0);
            submissions.create(h, "peer-1", "222", "c2", "{}", T0);
            submissions.create(h, "dead-2", "333", "c3", "{}", T0);
            assertThat(submissions.claim(h, "dead-1", 0, "dead", T0, T0.plusSeconds(35))).isTrue();
            assertThat(submissions.claim(h, "peer-1", 0, "peer", T0, T0.plusSeconds(35))).isTrue();
            assertThat(submissions.claim(h, "dead-2", 0, "dead", T0, T0.plusSeconds(35))).isTrue();
            submissions.postpone(h, "dead-2", 1, T0.plusSeconds(20), "HTTP 503");
            return null;
        });

        assertThat(write((Handle h) -> submissions.releaseClaims(h, "dead", T0.plusSeconds(5)))).isEqualTo(1);

        assertThat(read((Handle h) -> submissions.due(h, T0.plusSeconds(5), 10)))
                .containsExactly(new SubmissionStore.Row("dead-1", "111", "{}", 1));
        assertThat(write((Handle h) -> submissions.releaseAllClaims(h, T0.plusSeconds(6)))).as("SQLite's start")
                .isEqualTo(3);
        assertThat(read((Handle h) -> submissions.due(h, T0.plusSeconds(6), 10))).extracting(SubmissionStore.Row::id)
                .containsExactlyInAnyOrder("dead-1", "peer-1", "dead-2");
    }

    @Test
    void instancesBeatAndTheSilentOnesAreFoundAndForgotten() {
        var instances = new InstanceStore();
        write((Handle h) -> {
            instances.register(h, new InstanceStore.Instance("a", "host-a", 11, T0, T0));
            instances.register(h, new InstanceStore.Instance("b", "host-b", 22, T0, T0));
            return null;
        });
        assertThat(write((Handle h) -> instances.beat(h, "a", T0.plusSeconds(3)))).isTrue();
        assertThat(read((Handle h) -> instances.silentSince(h, T0.plusSeconds(1))))
                .containsExactly(new InstanceStore.Instance("b", "host-b", 22, T0, T0));
        assertThat(write((Handle h) -> instances.forget(h, "b"))).isTrue();
        assertThat(write((Handle h) -> instances.forget(h, "b"))).as("someone else got there first").isFalse();
        assertThat(write((Handle h) -> instances.beat(h, "b", T0.plusSeconds(4)))).as("b was taken for dead").isFalse();
        write((Handle h) -> {
            instances.register(h, new InstanceStore.Instance("b", "host-b", 22, T0, T0.plusSeconds(4)));
            instances.register(h, new InstanceStore.Instance("a", "host-a", 11, T0, T0.plusSeconds(5)));
            return null;
        });
        assertThat(read((Handle h) -> instances.silentSince(h, T0.plusSeconds(4)))).isEmpty();
        assertThat(read((Handle h) -> instances.silentSince(h, T0.plusSeconds(5)))).extracting(InstanceStore.Instance::id)
                .containsExactly("b");

        // The database's clock, in epoch milliseconds like every stored time (the two clocks share this machine).
        var databaseNow = read((Handle h) -> instances.now(h));
        assertThat(Duration.between(databaseNow, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
    }

    // --- helpers --------------------------------------------------------------------------------------------

    /** {@link Database#read} with a plain function, which keeps assertThat's overloads unambiguous. */
    <T> T read(Function<Handle, T> work) {
        return db.read(work::apply);
    }

    /** {@link Database#write} with a plain function. */
    <T> T write(Function<Handle, T> work) {
        return db.write(work::apply);
    }

    static Inbound text(String id, String user, String body) {
        return new Inbound(id, user, user, null, "Ana", "text", MessageKind.TEXT, body, null, T0.minusSeconds(1));
    }

    static List<String> ids(List<InboxStore.Row> rows) {
        return rows.stream().map(r -> r.message().messageId()).toList();
    }

    Void save(Handle h, Session session, List<Answer> recorded) {
        sessions.save(h, session, recorded);
        return null;
    }

    boolean saveOrStale(Session session) {
        try {
            write((Handle h) -> save(h, session, List.of()));
            return true;
        } catch (StaleSession e) {
            return false;
        }
    }

    static Session waiting(Session from, String conversationId, int position, List<Answer> answers) {
        return copy(from, SessionState.WAITING_FOR_ANSWER, conversationId, position, answers, from.extraQuestions(),
                from.version());
    }

    static Session copy(Session from, SessionState state, String conversationId, int position, List<Answer> answers,
                        List<Question> extra, long version) {
        var now = T0.plusMillis(position * 1000L + 7);
        return new Session(from.userKey(), from.waId(), from.userId(), state, conversationId,
                from.startedAt() != null ? from.startedAt() : T0, now, extra, position, answers,
                from.submissions(), now.truncatedTo(ChronoUnit.MINUTES), position + 1, version);
    }

    static Session withVersion(Session s, long version) {
        return new Session(s.userKey(), s.waId(), s.userId(), s.state(), s.conversationId(), s.startedAt(),
                s.updatedAt(), s.extraQuestions(), s.position(), s.answers(), s.submissions(), s.floodWindow(),
                s.floodCount(), version);
    }

    int apply(String wamid, String status, Integer code, String detail) {
        return write((Handle h) -> outbox.applyStatus(h, new StatusUpdate(wamid, status, T0, code, detail)));
    }

    String delivery(int index) {
        return (String) read((Handle h) -> outbox.recent(h, "111", 10)).get(index).get("delivery");
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static long number(Object value) {
        return ((Number) value).longValue();
    }

    /** Runs both at the same moment on two threads and returns their results in the given order. */
    @SafeVarargs
    static <T> List<T> race(Callable<T>... tasks) throws Exception {
        var pool = Executors.newFixedThreadPool(tasks.length);
        var start = new CyclicBarrier(tasks.length);
        try {
            var futures = new ArrayList<Future<T>>();
            for (var task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            var results = new ArrayList<T>();
            for (var future : futures) {
                results.add(future.get(20, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Reply> replies(String... texts) {
        return java.util.Arrays.stream(texts).map(Reply::new).toList();
    }

    private static List<String> migrations() {
        try (var files = java.nio.file.Files.list(wabot.testing.Fixtures.ROOT.resolve("src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__"))).sorted(java.util.Comparator.comparingInt(Integer::parseInt))
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
