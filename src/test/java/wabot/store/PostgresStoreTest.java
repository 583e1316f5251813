package wabot.store;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import wabot.testing.Postgres;

/** The store contract on a real PostgreSQL server: one per class, a fresh database per test. */
class PostgresStoreTest extends StoreContract {
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

    @Override
    String freshDatabaseUrl() {
        return postgres.migratedDatabaseUrl();
    }
}
