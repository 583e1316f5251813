package wabot.alerts;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wabot.delivery.Periodic;
import wabot.numbers.Switchboard;
import wabot.store.AlertStore;
import wabot.store.Backlog;
import wabot.store.Database;
import wabot.store.OutboxStore;
import wabot.store.SubmissionStore;

/**
 * Watches for the conditions that need a person and tells them once when one starts and once when it clears: an
 * ERROR line tagged {@code [ALERT]} (a WARN line when it clears), and a POST to {@code ALERT_WEBHOOK_URL}. It only
 * reads what the turns, sends and submissions already wrote, on its own thread every {@code ALERT_CHECK_INTERVAL},
 * so it is never on their path. State lives in the database: every instance may watch, one of them tells.
 */
public final class Alerts implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Alerts.class);
    /** Replies and submissions read per check: the newest ones, a bounded walk along an index. */
    static final int SAMPLE = 2000;

    private final Database db;
    private final OutboxStore outbox;
    private final SubmissionStore submissions;
    private final Backlog backlog;
    private final AlertStore store;
    private final Switchboard lines;
    /** One per business API: numbers that post to the same URL share its circuit. */
    private final List<CircuitWatch> circuits;
    private final AlertSettings settings;
    private final AlertWebhook webhook;
    private final String instance;
    private final Clock clock;
    private final Counter checks;
    private final Map<Alert, AtomicBoolean> firing = new EnumMap<>(Alert.class);
    private final Periodic timer = new Periodic("wabot-alerts");

    public Alerts(Database db, OutboxStore outbox, SubmissionStore submissions, Backlog backlog, AlertStore store,
                  Switchboard lines, AlertSettings settings, HttpClient http, String instance,
                  MeterRegistry meters, Clock clock) {
        this.db = db;
        this.outbox = outbox;
        this.submissions = submissions;
        this.backlog = backlog;
        this.store = store;
        this.settings = settings;
        this.instance = instance;
        this.clock = clock;
        this.lines = lines;
        var breakers = new LinkedHashMap<CircuitBreaker, List<String>>();
        lines.lines().forEach(line -> breakers.computeIfAbsent(line.breaker(), b -> new ArrayList<>())
                .add(line.number().label()));
        this.circuits = new ArrayList<>();
        breakers.forEach((breaker, numbers) -> circuits.add(new CircuitWatch(breaker, breakers.size() > 1
                ? numbers : List.of(), clock)));
        this.webhook = settings.webhook() == null ? null : new AlertWebhook(http, settings.webhook(),
                List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)));
        this.checks = Counter.builder("wabot.alerts.checks")
                .description("times the alert conditions were read").register(meters);
        for (var alert : Alert.values()) {
            var flag = new AtomicBoolean();
            firing.put(alert, flag);
            Gauge.builder("wabot.alerts.firing", flag, f -> f.get() ? 1 : 0)
                    .description("1 while wabot's own alert is firing").tag("alert", alert.id()).register(meters);
        }
    }

    public void start() {
        timer.every(settings.checkEvery(), settings.checkEvery(), this::check);
    }

    /** One look at every condition; a check that fails is logged and the others go on. */
    void check() {
        // To the millisecond, as the database keeps it, so a notice says the same instant as the stored row.
        var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        var seen = new ArrayList<Observation>();
        observe(seen, () -> ReplyChecks.of(db.read(h -> outbox.latest(h, SAMPLE)), now, settings, lines));
        observe(seen, () -> List.of(StoreChecks.submissions(db.read(h ->
                submissions.latestStatuses(h, now.minus(settings.window()), SAMPLE)), settings)));
        observe(seen, () -> List.of(StoreChecks.outbox(db.read(backlog::outbox), now, settings.outboxAge())));
        for (var circuit : circuits) {
            // The circuit is each instance's own, so its alert is too.
            observe(seen, () -> List.of(circuit.observe(settings.circuitOpenFor()).about(circuit.subject(instance))));
        }
        try {
            var stored = db.read(store::all).stream().collect(Collectors.toMap(AlertStore.Row::name, r -> r));
            var firingNow = new EnumMap<Alert, Boolean>(Alert.class);
            for (var observation : seen) {
                boolean on = apply(observation, stored.get(observation.key()), now);
                firingNow.merge(observation.alert(), on, Boolean::logicalOr);
            }
            firingNow.forEach((alert, on) -> firing.get(alert).set(on));
        } catch (RuntimeException e) {
            log.warn("[ALERT] alert state not read or written: {}", e.toString());
        }
        checks.increment();
    }

    private static void observe(List<Observation> seen, Supplier<List<Observation>> check) {
        try {
            seen.addAll(check.get());
        } catch (RuntimeException e) {
            log.warn("[ALERT] a check failed: {}", e.toString());
        }
    }

    /** Acts on one observation and says whether its alert fires now. */
    private boolean apply(Observation seen, AlertStore.Row row, Instant now) {
        var key = seen.key();
        boolean wasFiring = row != null && row.firing();
        switch (seen.verdict()) {
            case FIRING:
                if (wasFiring) {
                    if (!seen.summary().equals(row.summary())) {
                        db.write(h -> {
                            store.describe(h, key, seen.summary(), seen.details(), now);
                            return null;
                        });
                    }
                } else if (db.write(h -> store.fire(h, key, seen.alert().severity(), seen.summary(), seen.details(),
                        instance, now))) {
                    tell(new Notification(seen.alert(), true, seen.summary(), seen.details(), now, null, instance));
                }
                return true;
            case CLEAR:
                if (wasFiring) {
                    resolve(seen.alert(), key, seen.summary(), now);
                }
                return false;
            default:
                return wasFiring;
        }
    }

    /** Resolves {@code alert}, stored as {@code key}, if it is firing; the caller whose write resolved it tells people. */
    private void resolve(Alert alert, String key, String summary, Instant now) {
        db.write(h -> store.resolve(h, key, summary, now)).ifPresent(started -> tell(
                new Notification(alert, false, summary, null, started, now, instance)));
    }

    private void tell(Notification n) {
        if (n.firing()) {
            log.error("[ALERT] {}", n.line());
        } else {
            log.warn("[ALERT] {}", n.line());
        }
        if (webhook != null) {
            webhook.send(n);
        }
    }



    @Override
    public void close() {
        timer.close();
        // No other instance, nor this one's next life (another host:port), can see this circuit close: its alert
        // clears as the instance stops, or it stays firing in the console for good.
        try {
            for (var circuit : circuits) {
                var stopped = Observation.clear(Alert.BUSINESS_API_CIRCUIT_OPEN, "wabot " + instance
                        + " stopped, and its circuit with it").about(circuit.subject(instance));
                resolve(stopped.alert(), stopped.key(), stopped.summary(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
            }
        } catch (RuntimeException e) {
            log.warn("[ALERT] this instance's circuit alert not cleared on the way out: {}", e.toString());
        }
        if (webhook != null) {
            webhook.close();
        }
    }
}
