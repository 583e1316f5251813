package wabot.delivery;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.HandleCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wabot.store.Database;
import wabot.store.OutboxStore;
import wabot.numbers.Line;
import wabot.numbers.Switchboard;
import wabot.whatsapp.GraphError;

/**
 * Delivers the outbox to WhatsApp in order per person. Each reply leaves from the number its person wrote to, with
 * that number's token and within its rate. Transient failures hold the person's queue back and retry with backoff;
 * a number's throughput limit (130429) also pauses all sending from that number briefly; a pair rate limit (131056)
 * holds back only that person; permanent errors are recorded on the row and never retried.
 */
public final class OutboxSender {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 32;
    /** With backoff capped at 5 minutes this keeps trying for about a day: WhatsApp's reply window. */
    private static final int MAX_ATTEMPTS = 300;
    /** People vouched for at once; past it, the set starts over. */
    private static final int MAX_VOUCHED = 100_000;
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final CompletableFuture<Boolean> NOT_SENT = CompletableFuture.completedFuture(false);
    /**
     * How long a send may take before another sender may take the row over; well above the Graph timeout. Only the
     * backstop: when the sender's instance dies, {@link Liveness} frees the row within seconds.
     */
    private static final Duration CLAIM = Duration.ofMinutes(1);

    private final Database db;
    private final OutboxStore outbox;
    private final Switchboard lines;
    private final Lanes lanes;
    /** Where sends start, and where a settlement's write runs off SQLite; never the thread that read Meta's answer. */
    private final Executor executor;
    private final Backoff backoff;
    private final Clock clock;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    /** Replies the turns committed and handed over, not yet taken by the person's lane; guarded by itself. */
    private final Map<String, List<OutboxStore.Row>> handed = new HashMap<>();
    /** People whose every pending reply was handed over (see {@link #sendDue}). */
    private final Set<String> vouched = ConcurrentHashMap.newKeySet();
    /** The scopes of the numbers whose rejected token was logged loudly already. */
    private final Set<String> tokenAlarms = ConcurrentHashMap.newKeySet();
    /**
     * By number scope, the epoch millis before which nobody is sent anything from that number: Meta said the number
     * is over its throughput.
     */
    private final Map<String, AtomicLong> pausedUntil = new ConcurrentHashMap<>();

    private final Outcomes outcomes;
    /** The instance this sender's claims name. */
    private final String owner;

    public OutboxSender(Database db, OutboxStore outbox, Switchboard lines, Lanes lanes, Executor executor,
                        Backoff backoff, Outcomes outcomes, String owner, Clock clock) {
        this.executor = executor;
        this.outcomes = outcomes;
        this.owner = owner;
        this.db = db;
        this.outbox = outbox;
        this.lines = lines;
        this.lanes = lanes;
        this.backoff = backoff;
        this.clock = clock;
    }

    public void wake(String userKey) {
        if (queued.add(userKey)) {
            lanes.submitAsync(userKey, () -> {
                queued.remove(userKey);
                return sendDue(userKey).whenComplete((ok, error) -> {
                    if (error != null) {
                        vouched.remove(userKey);
                    }
                });
            });
        }
    }

    /**
     * Takes replies a turn just committed, to send them without reading them back. Called right after the commit
     * that stored them, before the writer goes on (on SQLite, on the writer's own thread): so a read of the outbox
     * that finds these rows always comes after they were handed here, and the sender can tell the two apart.
     */
    public void handOff(String userKey, List<OutboxStore.Row> rows) {
        synchronized (handed) {
            handed.computeIfAbsent(userKey, k -> new ArrayList<>()).addAll(rows);
        }
        wake(userKey);
    }

    /** Wakes everyone whose oldest pending reply is due: retries, and rows a crash left behind. */
    public void wakeDue() {
        db.read(h -> outbox.usersDue(h, clock.instant(), 1000)).forEach(this::wake);
    }

    /** Forgets what was handed for this person: a reply of theirs left the outbox another way (an operator's cancel). */
    public void distrust(String userKey) {
        vouched.remove(userKey);
    }

    /**
     * Sends the person's due replies in order, one at a time: each once the one before it is settled (sent and
     * marked so, or held back). Runs on a worker; completes when the last is settled, and no thread waits meanwhile.
     *
     * <p>The replies handed over by the turns are sent as they are when the person is vouched for: the last read of
     * their queue found nothing held back, and everything committed for them since was handed here. Otherwise (after
     * a start, a retry, a cancel) their queue is read, and what was handed before the read is dropped.
     */
    private CompletableFuture<Void> sendDue(String userKey) {
        List<OutboxStore.Row> rows;
        synchronized (handed) {
            rows = handed.remove(userKey);
        }
        if (rows != null && vouched.contains(userKey)) {
            return sendFrom(userKey, rows, 0, false);
        }
        var queue = db.readLatest(h -> {
            // What was handed before this read is in it, and is dropped. On SQLite the read runs in the writer's
            // transaction, perhaps behind a turn that stored a row and hands it over at the commit: so the drop
            // waits for the commit too, and comes after every hand-off of a row this read can see. (Elsewhere a
            // row may be handed just after a read that found it; its claim then fails, as it is sent.)
            Runnable drop = () -> {
                synchronized (handed) {
                    handed.remove(userKey);
                }
            };
            if (db.isSqlite()) {
                h.afterCommit(drop);
            } else {
                drop.run();
            }
            return outbox.queue(h, userKey, clock.instant(), BATCH);
        });
        if (queue.all()) {
            if (vouched.size() >= MAX_VOUCHED) {
                vouched.clear(); // a bound on memory: each person's queue is read once more, nothing else
            }
            vouched.add(userKey);
        }
        return sendFrom(userKey, queue.rows(), 0, queue.rows().size() == BATCH);
    }

    /** @param more whether the person's queue may hold more due rows than these, to be read after them */
    private CompletableFuture<Void> sendFrom(String userKey, List<OutboxStore.Row> rows, int i, boolean more) {
        if (i == rows.size()) {
            return more ? sendDue(userKey) : DONE;
        }
        return send(rows.get(i)).thenCompose(sent -> {
            if (!sent) {
                // Held back: later replies must not overtake this one, and the queue must be read again.
                vouched.remove(userKey);
                return DONE;
            }
            if (i + 1 == rows.size() && !more) {
                return DONE; // the usual case, finished where the last settlement committed
            }
            // The next send may wait (rate limit, pause, a claim): back on a worker, off the thread that settled.
            return CompletableFuture.supplyAsync(() -> sendFrom(userKey, rows, i + 1, more), executor)
                    .thenCompose(next -> next);
        });
    }

    /** Completes with false when the row must be retried later, which holds back the rest of the person's queue. */
    private CompletableFuture<Boolean> send(OutboxStore.Row row) {
        var line = lines.lineOf(row.userKey());
        if (line == null) {
            log.warn("[SEND] to={} outbox={} not sent: its number is no longer served", row.userKey(), row.id());
            return giveUp(row, null, "not sent: its number is no longer served (NUMBERS_FILE)");
        }
        var paused = pausedUntil.computeIfAbsent(line.scope(), scope -> new AtomicLong());
        // The number's pause and its rate are waited out on a timer, not on a thread: a number held back must not
        // hold the workers every other number's turns and sends run on.
        long waitNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(paused.get() - clock.millis()),
                line.rate().reservePermission());
        if (waitNanos > 0) {
            var later = CompletableFuture.delayedExecutor(waitNanos, TimeUnit.NANOSECONDS, executor);
            return CompletableFuture.supplyAsync(() -> sendNow(line, paused, row), later).thenCompose(sent -> sent);
        }
        return sendNow(line, paused, row);
    }

    private CompletableFuture<Boolean> sendNow(Line line, AtomicLong paused, OutboxStore.Row row) {
        var now = clock.instant();
        // Several instances share PostgreSQL and must claim a row before sending it. SQLite has one process,
        // whose per-person lane already makes it the only sender, so the extra write is skipped there.
        if (!db.isSqlite() && !db.write(h -> outbox.claim(h, row.id(), owner, now, now.plus(CLAIM)))) {
            return NOT_SENT; // another instance is sending it, or already has: it drains the rest in order
        }
        long start = System.nanoTime();
        return line.messenger().sendAsync(row.recipient(), row.reply(), "outbox-" + row.id())
                .handle((wamid, error) -> settle(line, paused, row, wamid, error,
                        Duration.ofNanos(System.nanoTime() - start)))
                .thenCompose(settled -> settled);
    }

    /** Records how a send went; runs where the answer arrived, so it only queues its write. */
    private CompletableFuture<Boolean> settle(Line line, AtomicLong paused, OutboxStore.Row row, String wamid,
                                              Throwable error, Duration took) {
        var cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
            outcomes.sent(took);
            if (!line.messenger().dryRun()) {
                log.info("[SEND] to={} outbox={} wamid={}", row.userKey(), row.id(), wamid);
            }
            return written(h -> {
                outbox.markSent(h, row.id(), wamid, clock.instant());
                return true;
            });
        }
        if (cause instanceof GraphError e) {
            outcomes.sendFailed(e.code(), e.handling() != GraphError.Handling.GIVE_UP, took);
            return onGraphError(line, paused, row, e);
        }
        if (lanes.stopped()) {
            // The process is stopping. The row stays pending as it was, and the next start sends it.
            return NOT_SENT;
        }
        outcomes.sendFailed(null, true, took);
        if (!(cause instanceof IOException)) {
            log.error("[SEND] to={} outbox={} failed unexpectedly: {}", row.userKey(), row.id(), cause.toString(), cause);
        }
        return retry(row, null, "network: " + cause, backoff.after(row.attempts()));
    }

    private CompletableFuture<Boolean> onGraphError(Line line, AtomicLong paused, OutboxStore.Row row, GraphError e) {
        switch (e.handling()) {
            case RETRY_THIS_USER_LATER:
                // Meta's advice for the pair limit: wait 4^X seconds, and only for this person.
                var wait = Duration.ofSeconds((long) Math.pow(4, Math.min(row.attempts(), 6)));
                return retry(row, e.code(), e.detail(), e.retryAfter() != null ? e.retryAfter() : wait);
            case RETRY:
                var backOff = e.retryAfter() != null ? e.retryAfter() : backoff.after(row.attempts());
                if (e.code() == GraphError.THROUGHPUT_LIMIT) {
                    paused.accumulateAndGet(clock.millis() + backOff.toMillis(), Math::max);
                }
                return retry(row, e.code(), e.detail(), backOff);
            default:
                if (e.code() == GraphError.TOKEN_INVALID && tokenAlarms.add(line.scope())) {
                    var number = line.number();
                    log.error("[SEND] WhatsApp rejected the access token of {} (code 190): every send from it will fail"
                            + " until {} holds a valid one", number.label(), number.tokenVariable());
                }
                log.warn("[SEND] to={} outbox={} failed for good: {}", row.userKey(), row.id(), e.getMessage());
                return giveUp(row, e.code(), e.detail());
        }
    }

    /** Records that the row will never be sent; the rest of the person's queue goes on. */
    private CompletableFuture<Boolean> giveUp(OutboxStore.Row row, Integer code, String detail) {
        return written(h -> {
            outbox.markFailed(h, row.id(), code, detail, clock.instant());
            return true;
        });
    }

    /**
     * Queues a settlement's write, without waiting for it on the thread that read Meta's answer. On SQLite the
     * writer's queue takes it; elsewhere a worker runs it. The person's next send waits for its commit, so a kill
     * leaves at most one of their replies sent and not marked.
     */
    private CompletableFuture<Boolean> written(HandleCallback<Boolean, RuntimeException> work) {
        return db.isSqlite() ? db.submit(work) : CompletableFuture.supplyAsync(() -> db.write(work), executor);
    }

    private CompletableFuture<Boolean> retry(OutboxStore.Row row, Integer code, String detail, Duration wait) {
        if (row.attempts() + 1 >= MAX_ATTEMPTS) {
            log.warn("[SEND] to={} outbox={} gave up after {} attempts: {}", row.userKey(), row.id(), MAX_ATTEMPTS, detail);
            return giveUp(row, code, "gave up after " + MAX_ATTEMPTS + " attempts: " + detail);
        }
        log.warn("[SEND] to={} outbox={} retry in {} ms: {}", row.userKey(), row.id(), wait.toMillis(), detail);
        return written(h -> {
            outbox.retryLater(h, row.id(), clock.instant().plus(wait), code, detail);
            return false;
        });
    }
}
