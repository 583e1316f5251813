package wabot.crash;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety, proven (issue 3): real conversations against the real jar, which is {@code kill -9}ed at random
 * moments and restarted on the same SQLite file, after which nothing may be lost and nothing doubled but the one
 * send per person that was in flight at a kill.
 *
 * <p>The world around wabot is the test kit's ({@link Crash}): {@link People} hold whole conversations, each
 * answering a question only once it reached the fake Graph API; {@link Meta} delivers each message as a signed
 * webhook POST until it gets a 200 (connection refused while wabot is down, connections cut by a kill), and
 * sometimes again; the {@link Killer} sends SIGKILL 300 to 1500 ms after wabot is up again, while the load flows, so
 * kills land in intake, turn commits, sends and business API calls, then restarts wabot on the same database and
 * port. The business API answers each submission from its payload alone, after 50 to 600 ms, so a submission posted
 * again after a kill gets the same answer. At the end wabot is stopped and its SQLite file read ({@link Verdict}):
 * every accepted message processed exactly once, every answer stored once, each person's replies exactly the
 * expected sequence, every reply at the fake Graph API at least once, a send repeated only by a later life than the
 * killed one that made it, one submission per conversation under one {@code Idempotency-Key}; and everything owed
 * at the last kill delivered within 20 s of the restart (printed; the aim is well under 5 s, and the bound only
 * leaves room for a loaded machine).
 *
 * <p>Tuning, as system properties: {@code crash.people}, {@code crash.kills}, {@code crash.seed},
 * {@code crash.budgetSeconds}. The child's output is in {@code target/crash-it/wabot.log}; each run's summary line
 * is appended to {@code target/crash-it/runs.txt}.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CrashIT {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void killedAgainAndAgainWabotLosesNothingAndDoublesOnlyInFlightSends() throws Exception {
        var crash = new Crash(Crash.Plan.of("crash-it", 20, 6, 170, 20), dir);
        crash.run("jdbc:sqlite:" + dir.resolve("wabot.db").toAbsolutePath(), List.of("wabot"), "wabot", () -> {});
    }
}
