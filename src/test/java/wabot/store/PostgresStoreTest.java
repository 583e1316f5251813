package wabot.store;

import wabot.testing.Postgres;

/** The store contract on a real PostgreSQL server, a fresh database per test. */
class PostgresStoreTest extends StoreContract {
    @Override
    String emptyDatabaseUrl() {
        return Postgres.shared().emptyDatabaseUrl();
    }

    @Override
    String freshDatabaseUrl() {
        return Postgres.shared().migratedDatabaseUrl();
    }
}
