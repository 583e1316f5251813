package wabot;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same conversation as {@link PostgresServiceTest}, on the default database: a SQLite file. */
class SqliteServiceTest {
    @TempDir
    Path folder;

    @Test
    void oneInstanceRunsAConversationToItsEnd() {
        new PostgresServiceTest().runsAConversationToItsEnd("jdbc:sqlite:" + folder.resolve("data/wabot.db"));
    }
}
