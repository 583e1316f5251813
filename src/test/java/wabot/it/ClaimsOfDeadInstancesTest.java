package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Reply;
import wabot.store.Database;
import wabot.store.InstanceStore;
import wabot.store.InstanceStore.Instance;
import wabot.store.OutboxStore;
import wabot.store.SubmissionStore;
import wabot.testing.Await;
import wabot.testing.Harness;
import wabot.testing.Postgres;
import wabot.testing.Webhooks;

/**
 * Several instances on PostgreSQL: what a killed instance had claimed goes out as soon as an instance finds it
 * silent, not when the claim's lease ends (a minute for a reply, the API timeout plus 30 s for a submission), while
 * what a live instance holds stays held. The dead instance is left in the database as {@code kill -9} leaves it:
 * its record with its last heartbeat, a reply and a submission claimed in its name with long leases.
 */
class ClaimsOfDeadInstancesTest {
    private static final String SUBMISSION = "6b0c1e9a-40a4-3a51-9d0a-5f1d2c3b4a5e";
    private static final String ANA = Webhooks.USER_A;
    private static final String BEN = Webhooks.USER_B;

    @TempDir
    Path dir;

    @Test
    void aDeadInstancesReplyAndSubmissionGoOutAtOnceWhileALivePeersClaimHolds() {
        var url = Postgres.shared().migratedDatabaseUrl();
        var instances = new InstanceStore();
        var outbox = new OutboxStore();
        var submissions = new SubmissionStore();
        // As wabot names its submissions: a name-based UUID, which the business API gets as Idempotency-Key.
        var payload = "{\"user_phone\":\"+" + ANA + "\",\"number\":{\"phone_number_id\":\"" + Harness.PHONE_NUMBER_ID
                + "\",\"name\":null},\"timestamp\":\"2026-03-01T10:00:00Z\",\"answers\":{\"name\":\"Ana\"}}";
        try (var db = Database.open(url)) {
            db.write((Handle h) -> {
                var dbNow = instances.now(h);
                // Silent for 10 s: dead. The peer's heartbeat lies ahead, so it stays alive however slow this test is.
                instances.register(h, new Instance("dead", "host-x", 4242, dbNow.minusSeconds(60),
                        dbNow.minusSeconds(10)));
                instances.register(h, new Instance("peer", "host-y", 4343, dbNow, dbNow.plus(Duration.ofHours(1))));
                var now = Instant.now();
                var lease = now.plus(Duration.ofMinutes(10));
                outbox.enqueue(h, ANA, ANA, "c-ana", List.of(new Reply("¿Cuál es tu email?")), now);
                outbox.enqueue(h, BEN, BEN, "c-ben", List.of(new Reply("held by a live peer")), now);
                assertThat(outbox.claim(h, outbox.due(h, ANA, now, 1).get(0).id(), "dead", now, lease)).isTrue();
                assertThat(outbox.claim(h, outbox.due(h, BEN, now, 1).get(0).id(), "peer", now, lease)).isTrue();
                submissions.create(h, SUBMISSION, ANA, "c-ana", payload, now);
                assertThat(submissions.claim(h, SUBMISSION, 0, "dead", now, lease)).isTrue();
                return null;
            });
        }

        try (var h = Harness.builder(dir).env("DATABASE_URL", url).start()) {
            assertThat(h.graph().awaitMessages(ANA, 1)).containsExactly("¿Cuál es tu email?");
            var call = h.api().awaitCalls(1).get(0);
            assertThat(call.idempotencyKey()).isEqualTo(SUBMISSION);
            assertThat(call.rawBody()).isEqualTo(payload);
            try (var db = Database.open(url)) {
                Await.until("the submission closed", () -> "done".equals(db.read((Handle x) -> x.createQuery(
                        "SELECT status FROM submissions WHERE id = :id").bind("id", SUBMISSION).mapTo(String.class).one())));
                var ids = db.read((Handle x) -> x.createQuery("SELECT id FROM instances").mapTo(String.class).list());
                assertThat(ids).as("the dead one forgotten, the peer and this instance alive").hasSize(2)
                        .contains("peer").doesNotContain("dead");
                var held = db.read((Handle x) -> x.createQuery(
                        "SELECT claimed_by FROM outbox WHERE user_key = :user AND status = 'pending'")
                        .bind("user", BEN).mapTo(String.class).list());
                assertThat(held).as("the live peer's reply is still its own").containsExactly("peer");
            }
            assertThat(h.graph().texts(BEN)).isEmpty();
        }
    }
}
