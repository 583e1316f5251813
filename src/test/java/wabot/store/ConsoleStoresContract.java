package wabot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import wabot.conversation.Session;
import wabot.conversation.SessionState;

/**
 * What the console and the alerts read and write, on each database: the conversations (what is recorded, how they
 * page, what they count), the operators' actions on replies and submissions, and the alerts' shared state.
 */
abstract class ConsoleStoresContract {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    final ConversationStore conversations = new ConversationStore();
    final ConversationList list = new ConversationList();
    final SessionStore sessions = new SessionStore();
    Database db;

    abstract String emptyDatabaseUrl();

    @BeforeEach
    void open() {
        db = Database.open(emptyDatabaseUrl());
    }

    @AfterEach
    void close() {
        db.close();
    }

    <R> R write(HandleCallback<R, RuntimeException> work) {
        return db.write(work);
    }

    <R> R read(HandleCallback<R, RuntimeException> work) {
        return db.read(work);
    }

    private void start(String id, String user, Instant at) {
        write(h -> {
            conversations.started(h, id, user, user, null, "Name " + user, at);
            return null;
        });
    }

    @Test
    void aConversationStartsOnceAndKeepsItsFirstEnding() {
        start("c1", "111", T0);
        start("c1", "111", T0.plusSeconds(5));
        write(h -> {
            conversations.ended(h, "c1", "finished", T0.plusSeconds(60));
            conversations.ended(h, "c1", "reset", T0.plusSeconds(90));
            return null;
        });

        var row = read(h -> conversations.find(h, "c1")).orElseThrow();
        assertThat(row.status()).isEqualTo("finished");
        assertThat(row.startedAt()).isEqualTo(T0);
        assertThat(row.endedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(row.name()).isEqualTo("Name 111");
        assertThat(row.active()).isFalse();
    }

    @Test
    void anIdleConversationIsAbandonedWhenItExpiredAndAnAnsweredOneIsNot() {
        var ttl = Duration.ofHours(24);
        for (var user : List.of("111", "222")) {
            start("c-" + user, user, T0);
        }
        write(h -> {
            sessions.save(h, session("111", "c-111", T0.plusSeconds(30)), List.of());
            sessions.save(h, session("222", "c-222", T0.plusSeconds(30).plus(Duration.ofHours(2))), List.of());
            return null;
        });

        int abandoned = write(h -> conversations.abandonIdle(h, T0.plus(Duration.ofHours(25)), ttl));

        assertThat(abandoned).isEqualTo(1);
        var gone = read(h -> conversations.find(h, "c-111")).orElseThrow();
        assertThat(gone.status()).isEqualTo("abandoned");
        assertThat(gone.endedAt()).as("dated when it expired").isEqualTo(T0.plusSeconds(30).plus(ttl));
        assertThat(read(h -> conversations.find(h, "c-222")).orElseThrow().active()).isTrue();
        int again = write(h -> conversations.abandonIdle(h, T0.plus(Duration.ofHours(25)), ttl));
        assertThat(again).isZero();
    }

    @Test
    void theTallyCountsOpenConversationsAndTodaysEndingsByStatus() {
        start("old", "100", T0.minus(Duration.ofDays(2)));
        start("a", "111", T0);
        start("b", "222", T0.plusSeconds(1));
        start("c", "333", T0.plusSeconds(2));
        write(h -> {
            conversations.ended(h, "old", "finished", T0.minus(Duration.ofDays(1)));
            conversations.ended(h, "a", "finished", T0.plusSeconds(100));
            conversations.ended(h, "b", "abandoned", T0.plusSeconds(100));
            return null;
        });

        var tally = read(h -> conversations.tally(h, T0));

        assertThat(tally.active()).isEqualTo(1);
        assertThat(tally.started()).isEqualTo(3);
        assertThat(tally.ended()).containsExactlyInAnyOrderEntriesOf(Map.of("finished", 1L, "abandoned", 1L));
    }

    @Test
    void pagesWalkTheWholeListNewestFirstAndBackWithoutGapsOrRepeats() {
        // Several conversations share a start time: the id breaks the tie, so none is skipped at a page edge.
        var expected = new ArrayList<String>();
        for (int i = 0; i < 23; i++) {
            start("c" + i, "1" + i, T0.plusSeconds(i / 3));
            expected.add(0, "c" + i);
        }

        var seen = new ArrayList<String>();
        var page = read(h -> list.page(h, ConversationList.Filter.ALL, null, 5));
        assertThat(page.newer()).isNull();
        var pages = new ArrayList<ConversationList.Page>();
        while (true) {
            pages.add(page);
            page.rows().forEach(r -> seen.add(r.conversationId()));
            if (page.older() == null) {
                break;
            }
            var at = page.older();
            page = read(h -> list.page(h, ConversationList.Filter.ALL, at, 5));
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(pages).hasSize(5);

        var back = pages.get(4).newer();
        var previous = read(h -> list.page(h, ConversationList.Filter.ALL, back, 5));
        assertThat(previous.rows()).isEqualTo(pages.get(3).rows());
        assertThat(previous.older()).isNotNull();
        var first = read(h -> list.page(h, ConversationList.Filter.ALL, pages.get(1).newer(), 5));
        assertThat(first.rows()).isEqualTo(pages.get(0).rows());
        assertThat(first.newer()).as("nothing is newer than the first page").isNull();
    }

    @Test
    void filtersNarrowByStatusPersonAndStartDate() {
        start("a1", "111", T0);
        start("a2", "111", T0.plus(Duration.ofDays(1)));
        start("b1", "222", T0.plus(Duration.ofDays(1)));
        write(h -> {
            h.createUpdate("UPDATE conversations SET user_id = 'US.999' WHERE conversation_id = 'b1'").execute();
            conversations.ended(h, "a1", "finished", T0.plusSeconds(60));
            return null;
        });

        assertThat(ids(new ConversationList.Filter("active", null, null, null))).containsExactly("b1", "a2");
        assertThat(ids(new ConversationList.Filter("finished", null, null, null))).containsExactly("a1");
        assertThat(ids(new ConversationList.Filter(null, "111", null, null))).containsExactly("a2", "a1");
        assertThat(ids(new ConversationList.Filter(null, "US.999", null, null))).containsExactly("b1");
        assertThat(ids(new ConversationList.Filter(null, null, T0.plusSeconds(1), null))).containsExactly("b1", "a2");
        assertThat(ids(new ConversationList.Filter(null, null, null, T0.plusSeconds(1)))).containsExactly("a1");
        assertThat(ids(new ConversationList.Filter("active", "111", T0, T0.plus(Duration.ofDays(2)))))
                .containsExactly("a2");
    }

    @Test
    void eachRowCountsItsAnswersAndShowsTheLatestActivityOfAnOpenOne() {
        start("c1", "111", T0);
        write(h -> {
            var s = session("111", "c1", T0.plusSeconds(90));
            sessions.save(h, s, List.of(new wabot.conversation.Answer("name", "Ana", null, T0.plusSeconds(10)),
                    new wabot.conversation.Answer("email", "a@x", null, T0.plusSeconds(90))));
            return null;
        });

        var row = read(h -> list.page(h, ConversationList.Filter.ALL, null, 10)).rows().get(0);

        assertThat(row.answers()).isEqualTo(2);
        assertThat(row.lastActive()).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    void theUpgradeRecordsTheConversationsThatExistedBefore() {
        db.close();
        var url = emptyDatabaseUrl();
        var flyway = Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration")
                .placeholders(Map.of("row_id", url.startsWith("jdbc:sqlite:") ? "INTEGER PRIMARY KEY"
                        : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
        flyway.target("2").load().migrate();
        var before = Jdbi.create(url);
        before.useHandle(h -> {
            h.execute("INSERT INTO sessions (user_key, wa_id, state, conversation_id, started_at, updated_at,"
                    + " extra_questions, position, submissions, flood_count, version)"
                    + " VALUES ('111', '111', 'WAITING_FOR_ANSWER', 'now-111', 1000, 2000, '[]', 1, 0, 0, 1),"
                    + " ('222', '222', 'CONVERSATION_ENDED', 'now-222', 1000, 3000, '[]', 0, 1, 0, 1)");
            h.execute("INSERT INTO submissions (id, user_key, conversation_id, payload, status, next_attempt_at,"
                    + " created_at, completed_at) VALUES"
                    + " ('s1', '222', 'now-222', '{}', 'done', 0, 2500, 2600),"
                    + " ('s2', 'US.7', 'old-us7', '{}', 'failed', 0, 500, 700)");
            h.execute("INSERT INTO inbox (message_id, user_key, wa_id, profile_name, type, kind, received_at)"
                    + " VALUES ('w1', '111', '111', 'Ana', 'text', 'TEXT', 900)");
        });

        db = Database.open(url);

        var rows = read(h -> list.page(h, ConversationList.Filter.ALL, null, 10)).rows();
        assertThat(rows).extracting(ConversationStore.Row::conversationId, ConversationStore.Row::status,
                        ConversationStore.Row::userId, ConversationStore.Row::name)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("now-111", "active", null, "Ana"),
                        org.assertj.core.groups.Tuple.tuple("now-222", "finished", null, null),
                        org.assertj.core.groups.Tuple.tuple("old-us7", "failed", "US.7", null));
    }

    @Test
    void anAlertFiresOnceAndResolvesOnceHoweverManyAsk() {
        var alerts = new AlertStore();
        assertThat(this.<Boolean>write(h -> alerts.fire(h, "x", "critical", "down", "why", "a:1", T0))).isTrue();
        assertThat(this.<Boolean>write(h -> alerts.fire(h, "x", "critical", "still down", "why", "b:1", T0.plusSeconds(1)))).isFalse();
        write(h -> {
            alerts.describe(h, "x", "down for longer", "why", T0.plusSeconds(2));
            return null;
        });
        var firing = read(alerts::all).get(0);
        assertThat(firing.firing()).isTrue();
        assertThat(firing.summary()).isEqualTo("down for longer");
        assertThat(firing.instance()).isEqualTo("a:1");

        assertThat(this.<java.util.Optional<Instant>>write(h -> alerts.resolve(h, "x", "up", T0.plusSeconds(60)))).contains(T0);
        assertThat(this.<java.util.Optional<Instant>>write(h -> alerts.resolve(h, "x", "up", T0.plusSeconds(61)))).isEmpty();
        assertThat(this.<Boolean>write(h -> alerts.fire(h, "x", "critical", "down again", null, "b:1", T0.plusSeconds(90)))).isTrue();
        assertThat(read(alerts::all).get(0).startedAt()).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    void ofManyInstancesFiringAtOnceExactlyOneTellsPeople() throws Exception {
        var alerts = new AlertStore();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var tries = new ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < 8; i++) {
                var instance = "host-" + i;
                tries.add(pool.submit(() -> {
                    start.await();
                    return write(h -> alerts.fire(h, "y", "warning", "s", null, instance, T0));
                }));
            }
            start.countDown();
            int won = 0;
            for (var t : tries) {
                won += t.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPendingReplyCanBeCancelledOnceAndASentOneNot() {
        var outbox = new OutboxStore();
        write(h -> {
            outbox.enqueue(h, "111", "111", "c1", List.of(new wabot.conversation.Reply("one"),
                    new wabot.conversation.Reply("two")), T0);
            return null;
        });
        var rows = read(h -> outbox.ofConversation(h, "111", "c1", 10));
        write(h -> {
            outbox.markSent(h, rows.get(0).id(), "wamid.1", T0.plusSeconds(1));
            return null;
        });

        assertThat(this.<java.util.Optional<String>>write(h -> outbox.cancel(h, rows.get(0).id(), T0.plusSeconds(2)))).isEmpty();
        assertThat(this.<java.util.Optional<String>>write(h -> outbox.cancel(h, rows.get(1).id(), T0.plusSeconds(2)))).contains("111");
        assertThat(this.<java.util.Optional<String>>write(h -> outbox.cancel(h, rows.get(1).id(), T0.plusSeconds(3)))).isEmpty();
        assertThat(this.<List<OutboxStore.Told>>read(h -> outbox.ofConversation(h, "111", "c1", 10))).extracting(OutboxStore.Told::status)
                .containsExactly("sent", "cancelled");
        assertThat(this.<List<OutboxStore.Row>>read(h -> outbox.due(h, "111", T0.plusSeconds(10), 10))).isEmpty();
    }

    @Test
    void aFailedSubmissionCanBeRetriedUnderItsOwnIdAndOnlyOnce() {
        var submissions = new SubmissionStore();
        write(h -> {
            submissions.create(h, "s1", "111", "c1", "{\"answers\":{}}", T0);
            submissions.claim(h, "s1", 0, "instance-1", T0, T0.plusSeconds(30));
            submissions.resolve(h, "s1", false, "HTTP 500", T0.plusSeconds(1));
            return null;
        });

        assertThat(this.<Boolean>write(h -> submissions.retryNow(h, "s1", T0.plusSeconds(60)))).isTrue();
        assertThat(this.<Boolean>write(h -> submissions.retryNow(h, "s1", T0.plusSeconds(61)))).isFalse();
        var again = read(h -> submissions.find(h, "s1")).orElseThrow();
        assertThat(again.status()).isEqualTo("pending");
        assertThat(again.attempts()).isZero();
        assertThat(again.error()).isEqualTo("retry asked by an operator after: HTTP 500");
        assertThat(this.<List<SubmissionStore.Row>>read(h -> submissions.due(h, T0.plusSeconds(60), 10))).extracting(SubmissionStore.Row::id)
                .containsExactly("s1");
    }

    @Test
    void anExportReadsEveryRowOfItsRangeOncePageByPage() {
        var submissions = new SubmissionStore();
        write(h -> {
            for (int i = 0; i < 25; i++) {
                // Several share a creation time: the id breaks the tie at a page's edge.
                submissions.create(h, String.format("s%02d", i), "111", "c" + i, "{}", T0.plusSeconds(i / 4));
            }
            submissions.create(h, "before", "111", "c-before", "{}", T0.minusSeconds(1));
            submissions.create(h, "after", "111", "c-after", "{}", T0.plusSeconds(3600));
            return null;
        });

        var seen = new ArrayList<String>();
        SubmissionStore.Stored last = null;
        int pages = 0;
        while (true) {
            var after = last;
            var page = read(h -> submissions.exportPage(h, T0, T0.plusSeconds(60), null, after, 10));
            pages++;
            page.forEach(row -> seen.add(row.id()));
            if (page.size() < 10) {
                break;
            }
            last = page.get(page.size() - 1);
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().isSorted().doesNotContain("before", "after");
        assertThat(this.<List<SubmissionStore.Stored>>read(h -> submissions.exportPage(h, T0, T0.plusSeconds(60), "failed", null, 10)))
                .isEmpty();
    }

    @Test
    void theOverviewAndTheAlertsCountFailuresByCodeAndStatus() {
        var outbox = new OutboxStore();
        var submissions = new SubmissionStore();
        write(h -> {
            outbox.enqueue(h, "111", "111", "c1", List.of(new wabot.conversation.Reply("a"),
                    new wabot.conversation.Reply("b"), new wabot.conversation.Reply("c")), T0);
            var rows = outbox.ofConversation(h, "111", "c1", 10);
            outbox.markFailed(h, rows.get(0).id(), 131047, "window", T0.plusSeconds(1));
            outbox.markSent(h, rows.get(1).id(), "wamid.b", T0.plusSeconds(1));
            outbox.applyStatus(h, new wabot.whatsapp.StatusUpdate("wamid.b", "failed", T0.plusSeconds(2), 131026, "no"));
            submissions.create(h, "s1", "111", "c1", "{}", T0);
            submissions.create(h, "s2", "111", "c1", "{}", T0.plusSeconds(1));
            submissions.resolve(h, "s1", true, "{}", T0.plusSeconds(2));
            return null;
        });

        assertThat(this.<Map<Integer, Long>>read(h -> outbox.failuresByCode(h, T0)))
                .containsExactlyInAnyOrderEntriesOf(Map.of(131026, 1L, 131047, 1L));
        assertThat(this.<Map<Integer, Long>>read(h -> outbox.failuresByCode(h, T0.plusSeconds(1)))).isEmpty();
        assertThat(this.<List<OutboxStore.Fate>>read(h -> outbox.latest(h, 2))).extracting(OutboxStore.Fate::status, OutboxStore.Fate::failed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pending", false),
                        org.assertj.core.groups.Tuple.tuple("sent", true));
        assertThat(this.<Map<String, Long>>read(h -> submissions.tally(h, T0))).containsExactlyInAnyOrderEntriesOf(Map.of("done", 1L, "pending", 1L));
        assertThat(this.<List<String>>read(h -> submissions.latestStatuses(h, T0, 10))).containsExactly("pending", "done");
    }

    private List<String> ids(ConversationList.Filter filter) {
        return read(h -> list.page(h, filter, null, 10)).rows().stream()
                .map(ConversationStore.Row::conversationId).toList();
    }

    private static Session session(String user, String conversation, Instant updated) {
        return new Session(user, user, null, SessionState.WAITING_FOR_ANSWER, conversation, T0, updated, List.of(),
                1, List.of(), 0, null, 0, 0);
    }
}
