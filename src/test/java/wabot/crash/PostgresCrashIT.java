package wabot.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Await;
import wabot.testing.Postgres;

/**
 * Crash safety with several instances (issue 11): two instances of the real jar share one PostgreSQL database
 * (embedded, a real server), Meta's deliveries go round-robin over both (an attempt refused by a dead instance is
 * retried on the other, as behind a load balancer), and one of them, {@code wabot-a}, is {@code kill -9}ed at random
 * moments and restarted, again and again, while {@code wabot-b} keeps serving. The same people, Meta, business API
 * and final check as {@link CrashIT}: every accepted message processed exactly once, every reply sent and sent again
 * only after a kill of the life that was sending it, one outcome per submission under one {@code Idempotency-Key}.
 *
 * <p>What a killed instance had claimed (a reply it was sending, a submission it was posting) must not keep anyone
 * waiting: its replacement or the live instance finds it silent within seconds and frees its claims. So everything
 * owed at the last kill must arrive within 20 s of the restart: printed, the target is 5 s, and the bound leaves room
 * for a loaded machine while a claim left to its lease (40 s for a submission, a minute for a reply) still fails it.
 * At the end no dead instance is left on record.
 * Logs: {@code target/crash-it-pg/wabot-a.log} and {@code wabot-b.log}; summaries in {@code runs.txt} there.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PostgresCrashIT {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void oneOfTwoInstancesKilledAgainAndAgainLosesNothingAndKeepsNobodyWaiting() throws Exception {
        var url = Postgres.shared().emptyDatabaseUrl();
        var crash = new Crash(Crash.Plan.of("crash-it-pg", 20, 6, 200, 20), dir);
        // Settled, and the last killed life silent for long enough: only the two running instances are on record.
        crash.run(url, List.of("wabot-a", "wabot-b"), "wabot-a", () -> Await.until(
                "every killed instance found dead and forgotten, the two running ones on record",
                Duration.ofSeconds(15), () -> instances(url).size() == 2));
        assertThat(instances(url)).as("instances on record after both stopped in order").isEmpty();
    }

    /** The instances on record, as host/pid. */
    private static List<String> instances(String url) {
        var found = new ArrayList<String>();
        try (var db = DriverManager.getConnection(url);
             var rs = db.createStatement().executeQuery("SELECT host, pid FROM instances")) {
            while (rs.next()) {
                found.add(rs.getString(1) + "/" + rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the instances from " + url, e);
        }
        return found;
    }
}
