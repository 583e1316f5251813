package wabot.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wabot.conversation.Event;
import wabot.external.ExternalApiError;
import wabot.numbers.Switchboard;
import wabot.store.Database;
import wabot.store.SubmissionStore;

/**
 * Posts due submissions to the business API and feeds each outcome back into the person's conversation lane.
 * A claim names this instance and holds a lease: if the process dies mid-call, the submission falls due again (at the
 * next start on SQLite, once {@link Liveness} finds the instance dead on PostgreSQL, at the latest when the lease
 * ends) and is posted with the same Idempotency-Key.
 */
public final class SubmissionWorker {
    private static final Logger log = LoggerFactory.getLogger(SubmissionWorker.class);
    /** Submissions read and claimed per write. */
    private static final int BATCH = 64;

    private final Database db;
    private final SubmissionStore submissions;
    /** Each submission goes to the business API of its person's number, through that API's circuit. */
    private final Switchboard lines;
    private final Turns turns;
    private final Lanes conversations;
    private final Executor executor;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Duration lease;
    private final Clock clock;
    private final Outcomes outcomes;
    /** The instance this worker's claims name. */
    private final String owner;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public SubmissionWorker(Database db, SubmissionStore submissions, Switchboard lines, Turns turns,
                            Lanes conversations, Executor executor, Backoff backoff,
                            int maxAttempts, Duration lease, Outcomes outcomes, String owner, Clock clock) {
        this.outcomes = outcomes;
        this.owner = owner;
        this.db = db;
        this.submissions = submissions;
        this.lines = lines;
        this.turns = turns;
        this.conversations = conversations;
        this.executor = executor;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.lease = lease;
        this.clock = clock;
    }

    public void wake() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            executor.execute(this::claimDue);
        }
    }

    private void claimDue() {
        try {
            while (again.getAndSet(false)) {
                var now = clock.instant();
                // Read and claimed in one write: a claim per write made this loop, not the API, the limit on
                // conversations per second.
                var claimed = db.write(h -> submissions.due(h, now, BATCH).stream()
                        .filter(row -> submissions.claim(h, row.id(), row.attempts(), owner, now, now.plus(lease)))
                        .toList());
                for (var row : claimed) {
                    executor.execute(() -> post(row));
                }
                if (claimed.size() == BATCH) {
                    again.set(true);
                }
            }
        } finally {
            running.set(false);
            if (again.get() && running.compareAndSet(false, true)) {
                executor.execute(this::claimDue);
            }
        }
    }

    private void post(SubmissionStore.Row row) {
        int attempt = row.attempts() + 1;
        var line = lines.lineOf(row.userKey());
        if (line == null) {
            fail(row, "its number is no longer served (NUMBERS_FILE), so it has no business API to go to");
            return;
        }
        var api = line.api();
        var breaker = line.breaker();
        if (!breaker.tryAcquirePermission()) {
            fail(row, "circuit open: the API failed repeatedly and is given a rest");
            return;
        }
        long start = System.nanoTime();
        try {
            log.info("[API_CALL] submission={} user={} attempt={} url={}", row.id(), row.userKey(), attempt, api.url());
            var response = api.post(row.id(), row.userKey(), row.payload());
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            outcomes.apiCall(Duration.ofNanos(System.nanoTime() - start));
            outcomes.submission("done");
            log.info("[API_RESPONSE] submission={} continue={}", row.id(), response.event().continueConversation());
            apply(row, response.event(), true, response.body());
        } catch (ExternalApiError e) {
            if (Thread.currentThread().isInterrupted()) {
                // The process is stopping: that says nothing about the API, and the database may already be closing.
                // The submission stays pending and claimed; the claim is released as this instance stops or at the
                // next start, and it is posted again then, with the same key.
                log.info("[API_CALL] submission={} interrupted by shutdown; it will be posted again", row.id());
                return;
            }
            outcomes.apiCall(Duration.ofNanos(System.nanoTime() - start));
            if (e.isTransient()) {
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            } else {
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
            if (e.isTransient() && attempt < maxAttempts) {
                var wait = backoff.after(attempt - 1);
                log.warn("[API_ERROR] submission={} attempt={} {}; retry in {} ms", row.id(), attempt, e.getMessage(), wait.toMillis());
                db.write(h -> submissions.postpone(h, row.id(), attempt, clock.instant().plus(wait), e.getMessage()));
                outcomes.submission("retried");
            } else {
                fail(row, e.getMessage());
            }
        } catch (RuntimeException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            fail(row, e.toString());
        }
    }

    private void fail(SubmissionStore.Row row, String reason) {
        outcomes.submission("failed");
        log.error("[API_ERROR] submission={} user={} failed: {}", row.id(), row.userKey(), reason);
        apply(row, new Event.ApiFailed(row.id(), reason), false, reason);
    }

    private void apply(SubmissionStore.Row row, Event event, boolean done, String detail) {
        // The replies the outcome causes reach the sender from the commit (Turns).
        conversations.submit(row.userKey(), () -> turns.applyApiOutcome(row.userKey(), row.id(), event, done, detail));
    }
}
