package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Harness;

/** The probes an orchestrator uses: live is the process, ready is the database with this build's migrations. */
class HealthTest {
    @TempDir
    Path dir;

    @Test
    void liveAndReadyOnAHealthyStart() {
        try (var h = Harness.start(dir)) {
            assertThat(h.get("/health/live").json().path("status").asText()).isEqualTo("up");
            var ready = h.get("/health/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().path("status").asText()).isEqualTo("ready");
            assertThat(ready.json().path("schema_applied").asInt()).isEqualTo(ready.json().path("schema_shipped").asInt())
                    .isGreaterThanOrEqualTo(2);
            assertThat(h.get("/health").json().path("status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void aDatabaseWithoutTheLatestMigrationIsNotReadyButStillLive() throws Exception {
        try (var h = Harness.start(dir)) {
            try (var jdbc = DriverManager.getConnection("jdbc:sqlite:" + h.database());
                 var statement = jdbc.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 5000");
                statement.executeUpdate("DELETE FROM flyway_schema_history WHERE installed_rank = "
                        + "(SELECT MAX(installed_rank) FROM flyway_schema_history)");
            }

            var ready = h.get("/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().path("reason").asText()).contains("lacks migrations");
            assertThat(h.get("/health/live").status()).isEqualTo(200);
        }
    }
}
