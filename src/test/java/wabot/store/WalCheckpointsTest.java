package wabot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write-ahead log is copied into the database in the background, far below SQLite's own size limit. */
class WalCheckpointsTest {
    @TempDir
    Path folder;

    @Test
    void committedPagesReachTheDatabaseFileWithoutWaitingForTheLogToFill() throws Exception {
        var file = folder.resolve("wabot.db");
        try (var db = Database.open("jdbc:sqlite:" + file)) {
            long before = Files.size(file);
            db.write(h -> h.execute("CREATE TABLE blobs (id INTEGER PRIMARY KEY, body TEXT)"));
            var body = "x".repeat(4000);
            for (int i = 0; i < 5; i++) {
                db.write(h -> {
                    var batch = h.prepareBatch("INSERT INTO blobs (body) VALUES (:body)");
                    for (int k = 0; k < 100; k++) {
                        batch.bind("body", body).add();
                    }
                    return batch.execute();
                });
            }
            // ~2 MB committed: some 500 pages, below even SQLite's default automatic checkpoint (1,000 pages), let alone
            // the writer's 16,384, so only the background checkpoint can have copied them into the file.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (Files.size(file) < before + 2_000_000 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(Files.size(file)).isGreaterThanOrEqualTo(before + 2_000_000);
        }
    }
}
