package wabot.store;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import wabot.testing.Postgres;

/** The conversations contract on a real PostgreSQL server. */
class PostgresConsoleStoresTest extends ConsoleStoresContract {
    static Postgres postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = Postgres.start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Override
    String emptyDatabaseUrl() {
        return postgres.emptyDatabaseUrl();
    }
}
