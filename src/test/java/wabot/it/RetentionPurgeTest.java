package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.MessageKind;
import wabot.delivery.Housekeeping;
import wabot.store.Database;
import wabot.store.InboxStore;
import wabot.store.Retention;
import wabot.testing.FakeExternalApi.Response;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.StoredRows;
import wabot.testing.Webhooks;
import wabot.whatsapp.Inbound;

/**
 * The cleanup job's retention part, run as {@link Housekeeping} against the SQLite file a real run left behind,
 * with clocks just inside and just past {@code RETENTION_DAYS} (90): a finished conversation's messages, replies,
 * answers and submission are kept until then and deleted after; rows still pending (a message not yet processed,
 * a reply not yet sent, a submission not yet answered) are never deleted.
 */
class RetentionPurgeTest {
    private static final String ANA = Webhooks.USER_A;  // finishes her conversation
    private static final String CID = "5491155550123";  // waits for an API that never answers
    private static final String DAN = "34600000001";    // his reply is held back by Meta's pair rate limit
    private static final String EVE = "33600000002";    // her message arrived, but the bot stopped before taking it

    @TempDir
    Path dir;

    @Test
    void finishedWorkIsKeptForTheRetentionPeriodAndPendingWorkForever() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).env("EXTERNAL_API_TIMEOUT", "50s").start()) {
            assertThat(h.config().retentionDays()).isEqualTo(90);
            h.api().respondWith(call -> ("+" + CID).equals(call.userPhone())
                    ? Response.finish("never").held() : Response.DEFAULT);
            h.graph().failFor(DAN, 1, 131056, 400, Duration.ofHours(1));

            for (var who : List.of(ANA, CID)) {
                h.exchange(who, "Hola", 1);
                h.exchange(who, "Name", 1);
                h.exchange(who, "mail@example.com", 1);
                h.exchange(who, "omitir", ANA.equals(who) ? 2 : 1);
            }
            h.say(DAN, "Hola");
            h.awaitSettled(ANA);
            h.api().awaitCalls(2);
            h.awaitSession(DAN, "first reply held back", s -> s.replies().size() == 1
                    && s.replies().get(0).path("error_code").asInt() == 131056);
        }
        var database = dir.resolve("wabot.db");
        try (var db = Database.open("jdbc:sqlite:" + database)) {
            db.write(h -> new InboxStore().accept(h, List.of(new Inbound("wamid.EVE-1", EVE, EVE, null, "Eve",
                    "text", MessageKind.TEXT, "Hola", null, Instant.now())), Instant.now()));
        }
        assertThat(pending(database)).containsExactly(1L, 1L, 1L);
        assertThat(finished(database, ANA)).containsExactly(4L, 5L, 2L, 1L);

        assertThat(StoredRows.count(database, "conversations", "user_key = '" + ANA + "' AND status = 'finished'"))
                .isEqualTo(1);
        cleanup(database, Duration.ofDays(89));
        assertThat(finished(database, ANA)).as("within the retention period").containsExactly(4L, 5L, 2L, 1L);
        assertThat(StoredRows.count(database, "inbox", "status = 'done'")).isEqualTo(4 + 4 + 1);

        cleanup(database, Duration.ofDays(91));
        assertThat(finished(database, ANA)).as("past the retention period").containsExactly(0L, 0L, 0L, 0L);
        assertThat(StoredRows.count(database, "inbox", "status = 'done'")).isZero();
        assertThat(StoredRows.count(database, "outbox", "status <> 'pending'")).isZero();
        assertThat(StoredRows.count(database, "submissions", "status <> 'pending'")).isZero();
        assertThat(pending(database)).as("pending rows are never deleted").containsExactly(1L, 1L, 1L);
        assertThat(StoredRows.count(database, "conversations", "user_key = '" + ANA + "'"))
                .as("an ended conversation goes with its records").isZero();
        assertThat(StoredRows.count(database, "conversations", "user_key = '" + CID + "' AND ended_at IS NULL"))
                .as("an open one stays").isEqualTo(1);

        cleanup(database, Duration.ofDays(3650));
        assertThat(pending(database)).containsExactly(1L, 1L, 1L);
        assertThat(StoredRows.query(database, "SELECT user_key FROM inbox")).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("user_key", EVE));
        assertThat(StoredRows.query(database, "SELECT user_key FROM outbox")).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("user_key", DAN));
        assertThat(StoredRows.query(database, "SELECT user_key FROM submissions")).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("user_key", CID));
    }

    /** One pass of the cleanup job, {@code ahead} of now, with the default settings. */
    private static void cleanup(Path database, Duration ahead) {
        try (var db = Database.open("jdbc:sqlite:" + database);
             var housekeeping = new Housekeeping(db, new Retention(), new wabot.store.ConversationStore(), Duration.ofHours(24),
                     Duration.ofDays(90),
                     Clock.offset(Clock.systemUTC(), ahead))) {
            housekeeping.runOnce();
        }
    }

    /** Pending inbox, outbox and submission rows. */
    private static List<Long> pending(Path database) {
        return List.of(StoredRows.count(database, "inbox", "status = 'pending'"),
                StoredRows.count(database, "outbox", "status = 'pending'"),
                StoredRows.count(database, "submissions", "status = 'pending'"));
    }

    /** Ana's messages, replies, answers and submissions. */
    private static List<Long> finished(Path database, String who) {
        return List.of(StoredRows.count(database, "inbox", "user_key = ?", who),
                StoredRows.count(database, "outbox", "user_key = ?", who),
                StoredRows.count(database, "answers", "user_key = ?", who),
                StoredRows.count(database, "submissions", "user_key = ?", who));
    }
}
