package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Texts;
import wabot.delivery.Housekeeping;
import wabot.store.Database;
import wabot.store.Retention;
import wabot.testing.Await;
import wabot.testing.FakeExternalApi.Response;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.StoredRows;
import wabot.testing.Webhooks;

/**
 * The cleanup job's session part, run as {@link Housekeeping} against the bot's own SQLite file with a clock two
 * days ahead: ended sessions idle past {@code SESSION_TTL} are deleted; unfinished ones keep their row but lose
 * their working state, so the person still hears that the conversation expired. Transcripts, answers and
 * submissions stay (they go with the retention period, see {@link RetentionPurgeTest}).
 */
class ExpiredSessionCleanupTest {
    private static final String ANA = Webhooks.USER_A;
    private static final String BEN = Webhooks.USER_B;
    private static final Texts TEXTS = Texts.spanish();
    private static final String[] KEPT = {"inbox", "outbox", "answers", "submissions"};

    @TempDir
    Path dir;

    @Test
    void endedSessionsGoUnfinishedOnesAreClearedAndStillGetTheExpiredNotice() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).env("SESSION_TTL", "5s").start()) {
            h.api().respondWith(call -> ("+" + BEN).equals(call.userPhone())
                    ? Response.proceed("One more thing", Response.question("order", "Order number?", true))
                    : Response.DEFAULT);
            walkTheFlow(h, ANA, 2);
            walkTheFlow(h, BEN, 3);
            var ana = h.awaitSettled(ANA);
            var ben = h.awaitSettled(BEN);
            assertThat(ana.state()).isEqualTo("CONVERSATION_ENDED");
            assertThat(ben.currentQuestion()).isEqualTo("order");
            assertThat(row(h, BEN)).containsEntry("position", 3).containsEntry("flood_count", 4);
            assertThat((String) row(h, BEN).get("extra_questions")).contains("order");
            var kept = counts(h);
            var lastActivity = Instant.parse(ben.json().path("updated_at").asText());

            var anaEnded = Instant.parse(ana.json().path("updated_at").asText());
            assertThat(cleanup(h, Clock.fixed(anaEnded, ZoneOffset.UTC))).as("nobody idle past the TTL yet")
                    .isZero();
            assertThat(h.findSession(ANA)).isPresent();

            assertThat(cleanup(h, Clock.offset(Clock.systemUTC(), Duration.ofDays(2)))).isPositive();

            assertThat(h.findSession(ANA)).as("ended and idle: deleted").isEmpty();
            var cleared = row(h, BEN);
            assertThat(cleared).containsEntry("state", "WAITING_FOR_ANSWER").containsEntry("position", 0)
                    .containsEntry("extra_questions", "[]").containsEntry("flood_count", 0)
                    .containsEntry("conversation_id", ben.conversationId())
                    .containsEntry("updated_at", lastActivity.toEpochMilli());
            assertThat(counts(h)).as("transcripts, answers and submissions are kept").isEqualTo(kept);

            Await.until("Ben idle past SESSION_TTL", Duration.ofSeconds(15),
                    () -> Instant.now().isAfter(lastActivity.plus(h.config().sessionTtl()).plusMillis(100)));
            assertThat(h.exchange(BEN, "A-1234", 1)).containsExactly(TEXTS.expired() + "\n\n" + h.prompt("name"));
            assertThat(h.awaitSettled(BEN).answers()).isEmpty();
            assertThat(h.exchange(ANA, "Hola", 1)).as("a new person again: no notice")
                    .containsExactly(h.prompt("name"));
        }
    }

    /** Answers the three questions of the short flow and waits for the processing message and the API's replies. */
    private static void walkTheFlow(Harness h, String who, int closingReplies) {
        h.exchange(who, "Hola", 1);
        h.exchange(who, "Name of " + who, 1);
        h.exchange(who, who + "@example.com", 1);
        h.exchange(who, "omitir", closingReplies);
    }

    /** One pass of the cleanup job on the bot's database, at the time {@code clock} says. */
    private static int cleanup(Harness h, Clock clock) {
        try (var db = Database.open("jdbc:sqlite:" + h.database());
             var housekeeping = new Housekeeping(db, new Retention(), new wabot.store.ConversationStore(), h.config().sessionTtl(),
                     Duration.ofDays(h.config().retentionDays()), clock)) {
            return housekeeping.runOnce();
        }
    }

    private static Map<String, Object> row(Harness h, String userKey) {
        var rows = StoredRows.query(h.database(), "SELECT * FROM sessions WHERE user_key = ?", userKey);
        assertThat(rows).as("session row of %s", userKey).hasSize(1);
        return rows.get(0);
    }

    private static Map<String, Long> counts(Harness h) {
        var counts = new LinkedHashMap<String, Long>();
        for (var table : KEPT) {
            counts.put(table, StoredRows.count(h.database(), table, null));
        }
        return counts;
    }
}
