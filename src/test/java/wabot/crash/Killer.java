package wabot.crash;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Kills one instance again and again: 300 to 1500 ms after it is up, SIGKILL while the load flows, so kills land in
 * intake, turn commits, sends and business API calls (each kill's line shows what was in flight); then, after a
 * moment down (Meta meets refused connections), a restart on the same database and port.
 */
final class Killer {
    private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(90);

    /** One kill: when, which process after how long up, and what was in flight at that instant. */
    record Kill(int number, Instant at, double atSeconds, long pid, long upMillis, int exitCode, int webhooksInFlight,
                int repliesOwed, int apiInFlight, double restartSeconds) {}

    private final Run run;
    private final Meta meta;
    private final People people;
    private final BusinessApi api;
    private final Lives lives;
    private final Recovery recovery;
    private final List<Kill> kills = new ArrayList<>();

    Killer(Run run, Meta meta, People people, BusinessApi api, Lives lives, Recovery recovery) {
        this.run = run;
        this.meta = meta;
        this.people = people;
        this.api = api;
        this.lives = lives;
        this.recovery = recovery;
    }

    synchronized List<Kill> kills() {
        return List.copyOf(kills);
    }

    void killRepeatedly(WabotProcess victim, int times, Random random) throws Exception {
        for (int k = 1; k <= times; k++) {
            long upAt = System.nanoTime();
            run.sleepWatching(300 + random.nextInt(1201), "waiting to kill " + victim.name() + " for the "
                    + ordinal(k) + " time");
            if (k > times - 2 && kills().stream().noneMatch(kill -> kill.apiInFlight() > 0)) {
                // No kill has caught a business API call yet: give one a few seconds to be in flight.
                long until = System.nanoTime() + 3_000_000_000L;
                while (api.inFlight(System.nanoTime()) == 0 && System.nanoTime() - until < 0) {
                    run.sleepWatching(5, "waiting for a business API call to kill " + victim.name() + " during");
                }
            }
            // A kill must catch work in flight to prove anything; on a loaded machine the people may not have got
            // going yet (the first kill falls within 1.5 s of the start), so give them a few seconds.
            long busyBy = System.nanoTime() + 5_000_000_000L;
            while (meta.inFlight.get() + people.owed() + api.inFlight(System.nanoTime()) == 0
                    && System.nanoTime() - busyBy < 0) {
                run.sleepWatching(5, "waiting for work in flight to kill " + victim.name() + " during");
            }
            // What is in flight at the kill instant: deliveries, replies owed, business API calls.
            int webhooks = meta.inFlight.get();
            var owed = people.owedSoFar();
            int owedReplies = people.owed();
            int apiInFlight = api.inFlight(System.nanoTime());
            long pid = victim.pid();
            int launch = victim.launch();
            long killedAt = System.nanoTime();
            var instant = Instant.now();
            long up = (killedAt - upAt) / 1_000_000;
            double at = run.secondsSince(run.started);
            int exitCode = victim.kill();
            lives.killed(launch, k);
            recovery.killed(k, killedAt, owed);
            run.sleepWatching(250 + random.nextInt(501), "keeping " + victim.name() + " down after kill " + k);
            var restart = victim.launch(LAUNCH_TIMEOUT);
            recovery.restarted(k, System.nanoTime());
            lives.started(victim.launch(), victim.name());
            var kill = new Kill(k, instant, at, pid, up, exitCode, webhooks, owedReplies, apiInFlight,
                    restart.toMillis() / 1000.0);
            synchronized (this) {
                kills.add(kill);
            }
            System.out.printf("crash test: kill %d of %s at %.1f s: pid %d after %d ms up, exit %d; in flight: "
                            + "%d webhook POSTs, %d replies owed, %d business API calls; back up in %.1f s%n",
                    k, victim.name(), at, pid, up, exitCode, webhooks, owedReplies, apiInFlight,
                    kill.restartSeconds());
            run.checkBudget("restarting " + victim.name() + " after kill " + k);
        }
    }

    private static String ordinal(int n) {
        return n == 1 ? "1st" : n == 2 ? "2nd" : n == 3 ? "3rd" : n + "th";
    }
}
