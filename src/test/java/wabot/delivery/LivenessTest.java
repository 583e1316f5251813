package wabot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import wabot.conversation.Reply;
import wabot.store.Database;
import wabot.store.InstanceStore;
import wabot.store.InstanceStore.Instance;
import wabot.store.OutboxStore;
import wabot.store.SubmissionStore;
import wabot.testing.LogCapture;
import wabot.testing.Postgres;

/**
 * Heartbeats and the freeing of dead instances' claims, one beat at a time (no timer), on a real PostgreSQL. Times
 * that must be in the past or the future are set far from now, so nothing here depends on how fast the test runs.
 */
class LivenessTest {
    private final InstanceStore instances = new InstanceStore();
    private final OutboxStore outbox = new OutboxStore();
    private final SubmissionStore submissions = new SubmissionStore();
    private final Clock clock = Clock.systemUTC();
    private Database db;

    @BeforeEach
    void openDatabase() {
        db = Database.open(Postgres.shared().migratedDatabaseUrl());
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void theFirstToNoticeASilentInstanceFreesItsClaimsOnceAndWakesItsWorkers() {
        seedDeadInstanceHolding("dead");
        var a = liveness();
        var b = liveness();
        var woken = new AtomicInteger();
        a.start(woken::incrementAndGet);
        try {
            // start() beat once already and found the dead instance; the next beats find nothing more.
            assertThat(woken).hasValue(1);
            assertThat(a.beatOnce()).isEmpty();
            assertThat(b.beatOnce()).as("already freed by a").isEmpty();
            var now = Instant.now();
            assertThat(db.read((Handle h) -> outbox.due(h, "111", now, 10))).extracting(OutboxStore.Row::body)
                    .containsExactly("held by the dead");
            assertThat(db.read((Handle h) -> submissions.due(h, now, 10))).extracting(SubmissionStore.Row::id)
                    .containsExactly("sub-dead");
            assertThat(ids()).containsExactlyInAnyOrder(a.self().id(), b.self().id());
        } finally {
            a.close();
        }
    }

    @Test
    void aBeatReportsWhatItFreedAndLeavesALivePeerAlone() {
        seedDeadInstanceHolding("dead");
        db.write((Handle h) -> {
            var dbNow = instances.now(h);
            instances.register(h, new Instance("peer", "host-y", 7, dbNow, dbNow.plus(Duration.ofHours(1))));
            return null;
        });
        var freed = liveness().beatOnce();
        assertThat(freed).singleElement().satisfies(r -> {
            assertThat(r.instance().id()).isEqualTo("dead");
            assertThat(r.replies()).isEqualTo(1);
            assertThat(r.submissions()).isEqualTo(1);
            assertThat(r.silentFor()).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
        });
        assertThat(ids()).contains("peer").doesNotContain("dead");
    }

    @Test
    void anInstanceTakenForDeadRegistersAgainAndSaysSo() {
        var a = liveness();
        try (var logs = LogCapture.start()) {
            a.beatOnce();
            db.write((Handle h) -> instances.forget(h, a.self().id()));
            a.beatOnce();
            assertThat(ids()).containsExactly(a.self().id());
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN") && line.contains("was taken for dead"));
        }
    }

    @Test
    void anOrderlyStopFreesWhatTheInstanceHoldsAndRemovesIt() {
        var a = liveness();
        a.beatOnce();
        var now = Instant.now();
        db.write((Handle h) -> {
            outbox.enqueue(h, "222", "222", "c", List.of(new Reply("mid-send")), now);
            assertThat(outbox.claim(h, outbox.due(h, "222", now, 1).get(0).id(), a.self().id(), now,
                    now.plus(Duration.ofMinutes(10)))).isTrue();
            submissions.create(h, "sub-a", "222", "c", "{}", now);
            assertThat(submissions.claim(h, "sub-a", 0, a.self().id(), now, now.plus(Duration.ofMinutes(10))))
                    .isTrue();
            return null;
        });
        a.close();
        var later = Instant.now();
        assertThat(db.read((Handle h) -> outbox.due(h, "222", later, 10))).extracting(OutboxStore.Row::body)
                .containsExactly("mid-send");
        assertThat(db.read((Handle h) -> submissions.due(h, later, 10))).extracting(SubmissionStore.Row::id)
                .containsExactly("sub-a");
        assertThat(ids()).isEmpty();
    }

    private Liveness liveness() {
        return new Liveness(db, instances, outbox, submissions, Liveness.describeThisProcess(Instant.now()), clock);
    }

    /** A killed instance as the database keeps it: silent for ten minutes, a reply and a submission claimed. */
    private void seedDeadInstanceHolding(String id) {
        db.write((Handle h) -> {
            var dbNow = instances.now(h);
            instances.register(h, new Instance(id, "host-x", 4242, dbNow.minus(Duration.ofHours(1)),
                    dbNow.minus(Duration.ofMinutes(10))));
            var now = Instant.now();
            var lease = now.plus(Duration.ofMinutes(10));
            outbox.enqueue(h, "111", "111", "c", List.of(new Reply("held by the dead")), now);
            assertThat(outbox.claim(h, outbox.due(h, "111", now, 1).get(0).id(), id, now, lease)).isTrue();
            submissions.create(h, "sub-dead", "111", "c", "{}", now);
            assertThat(submissions.claim(h, "sub-dead", 0, id, now, lease)).isTrue();
            return null;
        });
    }

    private List<String> ids() {
        return db.read((Handle h) -> h.createQuery("SELECT id FROM instances").mapTo(String.class).list());
    }
}
