package wabot.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real SQLite file. */
class SqliteStoreTest extends StoreContract {
    @TempDir
    Path folder;

    @Override
    String emptyDatabaseUrl() {
        return "jdbc:sqlite:" + folder.resolve("data/wabot.db");
    }
}
