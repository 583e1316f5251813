package wabot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Reply;
import wabot.flow.FlowLoader;
import wabot.numbers.Switchboard;
import wabot.store.Database;
import wabot.store.OutboxStore;
import wabot.testing.Await;
import wabot.testing.Flows;
import wabot.testing.Switchboards;
import wabot.whatsapp.Messenger;

/**
 * A number held back by its own rate waits on a timer, not on a worker: on Java 17 the workers are a fixed pool that
 * every number's turns and sends share, so a number waiting on one would keep the others waiting too. Here the pool
 * has a single thread, which makes that visible.
 */
class HeldNumberTest {
    private static final String ANA = "5215550000001";
    private static final String BEN = "5215550000002";
    @TempDir
    Path folder;
    Database db;
    ExecutorService worker;
    final OutboxStore outbox = new OutboxStore();
    final List<String> sent = new CopyOnWriteArrayList<>();
    Switchboard lines;
    OutboxSender sender;

    @BeforeEach
    void start() {
        db = Database.open("jdbc:sqlite:" + folder.resolve("wabot.db"));
        worker = Executors.newSingleThreadExecutor();
        Messenger recording = (recipient, reply, reference) -> {
            sent.add(recipient + ": " + reply.text());
            return "wamid." + reference;
        };
        // Number 0 may send one reply a minute; number 1 has the default rate.
        var slow = RateLimiter.of("slow", RateLimiterConfig.custom().limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofMinutes(1)).timeoutDuration(Duration.ofMinutes(10)).build());
        lines = Switchboards.sending(FlowLoader.parse(Flows.SHORT_YAML, "flow.yaml"), recording, slow,
                RateLimiter.ofDefaults("default"));
        sender = new OutboxSender(db, outbox, lines, new Lanes(worker), worker,
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)), new Outcomes(new SimpleMeterRegistry()),
                "test", Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        worker.shutdownNow();
        db.close();
    }

    @Test
    void aNumberWaitingForItsRateKeepsNoOtherNumberWaiting() {
        var anaOnSlow = lines.lines().get(0).keyOf(ANA);
        var benOnDefault = lines.lines().get(1).keyOf(BEN);
        handOff(anaOnSlow, ANA, "first", "second");
        Await.until("the slow number's first reply", () -> sent.contains(ANA + ": first"));

        // Its second reply now waits a minute for the rate; the other number's reply must not wait behind it.
        handOff(benOnDefault, BEN, "hello");
        Await.until("the other number's reply", () -> sent.contains(BEN + ": hello"));
        assertThat(sent).containsExactly(ANA + ": first", BEN + ": hello");
        List<String> stillOwed = db.read((Handle h) -> outbox.pendingTexts(h, anaOnSlow, 10));
        assertThat(stillOwed).containsExactly("second");
    }

    private void handOff(String userKey, String recipient, String... texts) {
        db.write((Handle h) -> {
            var rows = outbox.enqueue(h, userKey, recipient, "c",
                    java.util.Arrays.stream(texts).map(Reply::new).toList(), Clock.systemUTC().instant());
            h.afterCommit(() -> sender.handOff(userKey, rows));
            return null;
        });
    }
}
