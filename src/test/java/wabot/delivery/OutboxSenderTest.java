package wabot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Reply;
import wabot.store.Database;
import wabot.store.OutboxStore;
import wabot.flow.FlowLoader;
import wabot.testing.Await;
import wabot.testing.Flows;
import wabot.testing.Switchboards;
import wabot.whatsapp.Messenger;

/**
 * The sender gets a turn's replies from the commit that stored them, and reads a person's queue only when it must: a
 * reply is sent once, whichever way it reached the sender, even when the read and the hand-off share one commit.
 */
class OutboxSenderTest {
    private static final String ANA = "5215550000001";
    @TempDir
    Path folder;
    Database db;
    ExecutorService workers;
    final OutboxStore outbox = new OutboxStore();
    final List<String> sent = new CopyOnWriteArrayList<>();
    OutboxSender sender;

    @BeforeEach
    void start() {
        db = Database.open("jdbc:sqlite:" + folder.resolve("wabot.db"));
        workers = Executors.newCachedThreadPool();
        Messenger counting = (recipient, reply, reference) -> {
            sent.add(reference);
            return "wamid." + reference;
        };
        var lines = Switchboards.single(FlowLoader.parse(Flows.SHORT_YAML, "flow.yaml"), counting);
        sender = new OutboxSender(db, outbox, lines, new Lanes(workers), workers,
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)), new Outcomes(new SimpleMeterRegistry()),
                "test", Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        workers.shutdownNow();
        db.close();
    }

    @Test
    void aReplyHandedOverInTheCommitOfAReadThatFoundItIsSentOnce() throws Exception {
        // Hold the writer, queue a turn's insert and then the sender's read of Ana's queue behind it, so that both run
        // in one transaction: the read finds the row before the commit hands it over.
        var writerBusy = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        db.submit(h -> {
            writerBusy.countDown();
            return release.await(10, TimeUnit.SECONDS);
        });
        assertThat(writerBusy.await(10, TimeUnit.SECONDS)).isTrue();
        db.submit((Handle h) -> {
            var rows = outbox.enqueue(h, ANA, ANA, "c", List.of(new Reply("¿Cuál es tu nombre?")), Clock.systemUTC().instant());
            h.afterCommit(() -> sender.handOff(ANA, rows));
            return null;
        });
        sender.wake(ANA); // a poll's wake-up: Ana is not vouched for, so her queue is read
        Await.until("the read queued behind the insert", () -> db.backlog() == 2);
        release.countDown();

        Await.until("the reply sent and marked", () -> !sent.isEmpty()
                && db.read((Handle h) -> outbox.pendingTexts(h, ANA, 10)).isEmpty());
        sender.wake(ANA); // and once more, now that she is vouched for and nothing is pending
        Thread.sleep(200);
        assertThat(sent).containsExactly("outbox-1");
    }

    @Test
    void repliesHandedOverAsTheyCommitAreSentInOrderAndOnlyOnce() throws Exception {
        sender.wake(ANA); // a read of her empty queue, racing the first commits: it vouches for her at some point
        for (int i = 0; i < 5; i++) {
            var text = "reply " + i;
            db.write((Handle h) -> {
                var rows = outbox.enqueue(h, ANA, ANA, "c", List.of(new Reply(text)), Clock.systemUTC().instant());
                h.afterCommit(() -> sender.handOff(ANA, rows));
                return null;
            });
        }
        Await.until("five replies sent", () -> sent.size() >= 5);
        sender.wake(ANA);
        Thread.sleep(200);
        assertThat(sent).containsExactly("outbox-1", "outbox-2", "outbox-3", "outbox-4", "outbox-5");
        List<String> pending = db.read((Handle h) -> outbox.pendingTexts(h, ANA, 10));
        assertThat(pending).isEmpty();
    }
}
