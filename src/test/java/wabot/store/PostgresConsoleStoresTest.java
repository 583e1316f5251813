package wabot.store;

import wabot.testing.Postgres;

/** The conversations contract on a real PostgreSQL server. */
class PostgresConsoleStoresTest extends ConsoleStoresContract {
    @Override
    String emptyDatabaseUrl() {
        return Postgres.shared().emptyDatabaseUrl();
    }
}
