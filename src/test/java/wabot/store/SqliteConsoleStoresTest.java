package wabot.store;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The conversations contract on real SQLite files. */
class SqliteConsoleStoresTest extends ConsoleStoresContract {
    private final AtomicInteger files = new AtomicInteger();

    @TempDir
    Path folder;

    @Override
    String emptyDatabaseUrl() {
        return "jdbc:sqlite:" + folder.resolve("wabot-" + files.incrementAndGet() + ".db");
    }
}
