package wabot.delivery;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
    /**
     * How long a send may take before another sender may take the row over; well above the Graph timeout. Only the
     * backstop: when the sender's instance dies, {@link Liveness} frees the row within seconds.
     */
    private static final Duration CLAIM = Duration.ofMinutes(1);

    private final Database db;
    private final OutboxStore outbox;
    private final Switchboard lines;
    private final Lanes lanes;
    private final Backoff backoff;
    private final Clock clock;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
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

    public OutboxSender(Database db, OutboxStore outbox, Switchboard lines, Lanes lanes, Backoff backoff,
                        Outcomes outcomes, String owner, Clock clock) {
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
            lanes.submit(userKey, () -> {
                queued.remove(userKey);
                sendDue(userKey);
            });
        }
    }

    /** Wakes everyone whose oldest pending reply is due: retries, and rows a crash left behind. */
    public void wakeDue() {
        db.read(h -> outbox.usersDue(h, clock.instant(), 1000)).forEach(this::wake);
    }

    private void sendDue(String userKey) {
        while (true) {
            var rows = db.readLatest(h -> outbox.due(h, userKey, clock.instant(), BATCH));
            for (var row : rows) {
                if (!send(row)) {
                    return; // held back: later replies must not overtake this one
                }
            }
            if (rows.size() < BATCH) {
                return;
            }
        }
    }

    /** Returns false when the row must be retried later, which holds back the rest of the person's queue. */
    private boolean send(OutboxStore.Row row) {
        var line = lines.lineOf(row.userKey());
        if (line == null) {
            log.warn("[SEND] to={} outbox={} not sent: its number is no longer served", row.userKey(), row.id());
            return giveUp(row, null, "not sent: its number is no longer served (NUMBERS_FILE)");
        }
        var messenger = line.messenger();
        var paused = pausedUntil.computeIfAbsent(line.scope(), scope -> new AtomicLong());
        waitOut(paused);
        line.rate().acquirePermission();
        var now = clock.instant();
        // Several instances share PostgreSQL and must claim a row before sending it. SQLite has one process,
        // whose per-person lane already makes it the only sender, so the extra write is skipped there.
        if (!db.isSqlite() && !db.write(h -> outbox.claim(h, row.id(), owner, now, now.plus(CLAIM)))) {
            return false; // another instance is sending it, or already has: it drains the rest in order
        }
        long start = System.nanoTime();
        try {
            var wamid = messenger.send(row.recipient(), row.reply(), "outbox-" + row.id());
            outcomes.sent(Duration.ofNanos(System.nanoTime() - start));
            db.write(h -> {
                outbox.markSent(h, row.id(), wamid, clock.instant());
                return null;
            });
            if (!messenger.dryRun()) {
                log.info("[SEND] to={} outbox={} wamid={}", row.userKey(), row.id(), wamid);
            }
            return true;
        } catch (GraphError e) {
            boolean done = onGraphError(line, paused, row, e);
            outcomes.sendFailed(e.code(), e.handling() != GraphError.Handling.GIVE_UP,
                    Duration.ofNanos(System.nanoTime() - start));
            return done;
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                // The process is stopping. The row stays pending as it was, and the next start sends it.
                return false;
            }
            outcomes.sendFailed(null, true, Duration.ofNanos(System.nanoTime() - start));
            return retry(row, null, "network: " + e, backoff.after(row.attempts()));
        }
    }

    private boolean onGraphError(Line line, AtomicLong paused, OutboxStore.Row row, GraphError e) {
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

    private boolean giveUp(OutboxStore.Row row, Integer code, String detail) {
        db.write(h -> {
            outbox.markFailed(h, row.id(), code, detail, clock.instant());
            return null;
        });
        return true;
    }

    private void waitOut(AtomicLong pausedUntil) {
        long wait = pausedUntil.get() - clock.millis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean retry(OutboxStore.Row row, Integer code, String detail, Duration wait) {
        if (row.attempts() + 1 >= MAX_ATTEMPTS) {
            log.warn("[SEND] to={} outbox={} gave up after {} attempts: {}", row.userKey(), row.id(), MAX_ATTEMPTS, detail);
            db.write(h -> {
                outbox.markFailed(h, row.id(), code, "gave up after " + MAX_ATTEMPTS + " attempts: " + detail, clock.instant());
                return null;
            });
            return true;
        }
        log.warn("[SEND] to={} outbox={} retry in {} ms: {}", row.userKey(), row.id(), wait.toMillis(), detail);
        db.write(h -> {
            outbox.retryLater(h, row.id(), clock.instant().plus(wait), code, detail);
            return null;
        });
        return false;
    }
}
