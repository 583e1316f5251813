package wabot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's single writer: works share commits, fail alone, keep their order, and reuse statements safely. */
class GroupCommitTest {
    @TempDir
    Path folder;
    Database db;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + folder.resolve("wabot.db"));
        db.write(h -> h.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, tag TEXT)"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aFailingWorkRollsBackAloneWhileTheOthersInItsGroupCommit() throws Exception {
        // Hold the writer so that all 50 works queue up and are taken as one group, the one 17 breaks.
        var writerBusy = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var blocker = db.submit(h -> {
            writerBusy.countDown();
            return release.await(10, TimeUnit.SECONDS);
        });
        assertThat(writerBusy.await(10, TimeUnit.SECONDS)).isTrue();
        var futures = new ArrayList<CompletableFuture<Integer>>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            futures.add(db.submit(h -> {
                h.createUpdate("INSERT INTO notes (body) VALUES (:body)").bind("body", "note " + n).execute();
                if (n == 17) {
                    throw new IllegalStateException("work 17 breaks after its insert");
                }
                return n;
            }));
        }
        assertThat(db.backlog()).isEqualTo(50);
        release.countDown();
        assertThat(blocker.join()).isTrue();

        assertThatThrownBy(futures.get(17)::join).isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("work 17 breaks after its insert");
        for (int i = 0; i < 50; i++) {
            if (i != 17) {
                assertThat(futures.get(i).join()).isEqualTo(i);
            }
        }
        var stored = bodies();
        assertThat(stored).hasSize(49).doesNotContain("note 17");
        assertThat(stored).containsExactlyElementsOf(
                IntStream.range(0, 50).filter(i -> i != 17).mapToObj(i -> "note " + i).toList());
    }

    @Test
    void writesFromManyThreadsAreAllDurableOnceReturned() throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        var writers = new ArrayList<CompletableFuture<Void>>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            writers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 100; i++) {
                    int n = i;
                    db.write(h -> h.createUpdate("INSERT INTO notes (body, tag) VALUES (:body, :tag)")
                            .bind("body", thread + "-" + n).bind("tag", "t" + thread).execute());
                    // A returned write is committed: a fresh reader sees it at once.
                    int seen = db.read(h -> h.createQuery("SELECT COUNT(*) FROM notes WHERE body = :body")
                            .bind("body", thread + "-" + n).mapTo(Integer.class).one());
                    assertThat(seen).isEqualTo(1);
                }
            }, pool));
        }
        try {
            // join() rethrows a failed assertion of any writer here, in the test's thread.
            writers.forEach(CompletableFuture::join);
        } finally {
            pool.shutdownNow();
        }
        assertThat(bodies()).hasSize(800);
        for (int t = 0; t < 8; t++) {
            int thread = t;
            // Each thread's writes keep their order.
            List<String> inOrder = db.read(h -> h.createQuery("SELECT body FROM notes WHERE tag = :tag ORDER BY id")
                    .bind("tag", "t" + thread).mapTo(String.class).list());
            assertThat(inOrder).containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> thread + "-" + i).toList());
        }
    }

    @Test
    void aReusedStatementCarriesNoValueOverFromItsLastUse() {
        db.write(h -> h.createUpdate("INSERT INTO notes (body, tag) VALUES (:body, :tag)")
                .bind("body", "first").bind("tag", "kept?").execute());
        db.write(h -> h.createUpdate("INSERT INTO notes (body, tag) VALUES (:body, :tag)")
                .bind("body", "second").bind("tag", (String) null).execute());
        db.write(h -> {
            var batch = h.prepareBatch("INSERT INTO notes (body, tag) VALUES (:body, :tag)");
            batch.bind("body", "third").bind("tag", "a").add();
            batch.bind("body", "fourth").bind("tag", "b").add();
            return batch.execute();
        });
        db.write(h -> {
            var batch = h.prepareBatch("INSERT INTO notes (body, tag) VALUES (:body, :tag)");
            batch.bind("body", "fifth").bind("tag", "c").add();
            return batch.execute();
        });

        List<String> rows = db.read(h -> h.createQuery("SELECT body || ':' || COALESCE(tag, 'null') FROM notes ORDER BY id")
                .mapTo(String.class).list());
        assertThat(rows).containsExactly("first:kept?", "second:null", "third:a", "fourth:b", "fifth:c");
        // The writer's cached query, run twice with different values, answers for each.
        int a = db.write(h -> h.createQuery("SELECT COUNT(*) FROM notes WHERE tag = :tag").bind("tag", "a")
                .mapTo(Integer.class).one());
        int c = db.write(h -> h.createQuery("SELECT COUNT(*) FROM notes WHERE tag = :tag").bind("tag", "zzz")
                .mapTo(Integer.class).one());
        assertThat(a).isEqualTo(1);
        assertThat(c).isZero();
    }

    @Test
    void anUrgentWriteGoesAheadOfEveryQueuedNormalOne() throws Exception {
        var writerBusy = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var order = new ArrayList<String>(); // touched only by the writer thread
        var blocker = db.submit(h -> {
            writerBusy.countDown();
            return release.await(10, TimeUnit.SECONDS);
        });
        assertThat(writerBusy.await(10, TimeUnit.SECONDS)).isTrue();
        var normals = new ArrayList<CompletableFuture<Boolean>>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            normals.add(db.submit(h -> order.add("normal " + n)));
        }
        assertThat(db.backlog()).isEqualTo(100);
        var urgent = db.submitUrgent(h -> order.add("urgent"));

        release.countDown();
        assertThat(blocker.join()).isTrue();
        urgent.join();
        normals.forEach(CompletableFuture::join);
        assertThat(order).hasSize(101).first().isEqualTo("urgent");
        assertThat(order.subList(1, 101))
                .containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> "normal " + i).toList());
        assertThat(db.backlog()).isZero();
    }

    @Test
    void aWriteAfterCloseFailsInsteadOfHanging() {
        db.close();
        assertThatThrownBy(() -> db.write(h -> h.execute("INSERT INTO notes (body) VALUES ('late')")))
                .hasMessageContaining("closed");
    }

    private List<String> bodies() {
        return db.read(h -> h.createQuery("SELECT body FROM notes ORDER BY id").mapTo(String.class).list());
    }
}
