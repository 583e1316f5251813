package wabot;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import wabot.delivery.BacklogMeters;
import wabot.delivery.Outcomes;
import wabot.store.Backlog;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.javalin.Javalin;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import wabot.alerts.Alerts;
import wabot.store.AlertStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wabot.conversation.Flow;
import wabot.conversation.Policy;
import wabot.delivery.Backoff;
import wabot.delivery.Dispatcher;
import wabot.delivery.Housekeeping;
import wabot.delivery.Intake;
import wabot.delivery.Lanes;
import wabot.delivery.Liveness;
import wabot.delivery.OutboxSender;
import wabot.delivery.Poller;
import wabot.delivery.SubmissionWorker;
import wabot.delivery.Turns;
import wabot.delivery.WaitingMessages;
import wabot.store.ConversationStore;
import wabot.store.NumberStore;
import wabot.numbers.BusinessNumber;
import wabot.numbers.BusinessNumbers;
import java.util.Objects;
import wabot.store.Database;
import wabot.store.InboxStore;
import wabot.store.InstanceStore;
import wabot.store.OutboxStore;
import wabot.store.LatestSessions;
import wabot.store.Retention;
import wabot.store.SessionStore;
import wabot.store.SubmissionStore;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import wabot.simulator.SimulatedPeople;
import wabot.simulator.Simulator;
import wabot.store.Owed;
import wabot.console.ConsoleRoutes;
import wabot.delivery.OperatorActions;
import wabot.web.AdminAccess;
import wabot.web.Assets;
import wabot.web.HealthRoutes;
import wabot.web.HttpMeters;
import wabot.web.SignInRoutes;
import wabot.web.SimulatorRoutes;
import wabot.web.AdminRoutes;
import wabot.web.ContractRoutes;
import wabot.web.WebhookHandler;
import wabot.web.WebhookRoutes;
import wabot.whatsapp.GraphHttp;
import wabot.whatsapp.Messenger;
import wabot.whatsapp.WebhookParser;
import wabot.whatsapp.WebhookSignature;

/** The running service, wired by hand from a {@link Config} and a {@link Flow}. */
public final class Wabot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Wabot.class);

    private final Database db;
    private final Poller poller;
    private final Javalin server;
    private final ExecutorService workers;
    private final Housekeeping housekeeping;
    /** Null on SQLite: one instance, whose claims are released at its next start. */
    private final Liveness liveness;
    private final List<Lanes> lanes;
    private final List<Simulator> simulators;
    /** The one client every number's replies leave through; null when no number sends (all dry runs). */
    private final GraphHttp graphHttp;

    private final BacklogMeters backlog;
    private final Alerts alerts;

    private Wabot(Database db, Poller poller, Housekeeping housekeeping, Liveness liveness, BacklogMeters backlog,
                  Alerts alerts, Javalin server, ExecutorService workers, List<Lanes> lanes, List<Simulator> simulators,
                  GraphHttp graphHttp) {
        this.graphHttp = graphHttp;
        this.backlog = backlog;
        this.alerts = alerts;
        this.liveness = liveness;
        this.db = db;
        this.simulators = simulators;
        this.lanes = lanes;
        this.poller = poller;
        this.housekeeping = housekeeping;
        this.server = server;
        this.workers = workers;
    }

    /**
     * How a wabot that is not the plain service differs from it: the terminal chat listens on loopback only, answers
     * its person on the screen, and lets the stand-in answer every submission while no API is configured.
     *
     * @param host       the address to listen on; null for every address
     * @param messenger  wraps the messenger the settings choose (WhatsApp, or dry-run)
     * @param standInFor the people whom the stand-in business API answers while {@code EXTERNAL_API_URL} is unset
     */
    public record Overrides(String host, UnaryOperator<Messenger> messenger, Predicate<String> standInFor) {
        /** The service: every address, the configured messenger, the stand-in for the simulator's people only. */
        public static final Overrides NONE = new Overrides(null, UnaryOperator.identity(), SimulatedPeople::isSimulated);
    }

    public static Wabot start(Config config, Flow flow) {
        return start(config, flow, Overrides.NONE);
    }

    public static Wabot start(Config config, Flow flow, Overrides overrides) {
        return start(config, BusinessNumbers.single(config, flow), overrides);
    }

    public static Wabot start(Config config, BusinessNumbers numbers) {
        return start(config, numbers, Overrides.NONE);
    }

    public static Wabot start(Config config, BusinessNumbers numbers, Overrides overrides) {
        var clock = Clock.systemUTC();
        var metrics = Meters.registry();
        var db = Database.open(config.databaseUrl(), metrics);
        var workers = Threads.workers();
        // Responses complete on the client's own selector thread: handing each one to an executor cost a thread
        // wake-up per call, and the handlers (byte arrays) never block. Never the worker pool: workers block in
        // send(), and on Java 17 (a bounded pool) a client completing on it deadlocks once every worker waits.
        var http = HttpClient.newBuilder()
                .executor(Runnable::run)
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();

        var outcomes = new Outcomes(metrics);
        var sessions = new SessionStore();
        var inbox = new InboxStore();
        var outbox = new OutboxStore();
        var submissions = new SubmissionStore();
        var conversationStore = new ConversationStore();
        var self = Liveness.describeThisProcess(clock.instant());
        var breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(config.externalApiCircuitWait())
                // Three trial calls decide whether the API is back: fewer people get the apology meanwhile.
                .permittedNumberOfCallsInHalfOpenState(3)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(metrics);
        var ids = numbers.all().stream().map(BusinessNumber::phoneNumberId).filter(Objects::nonNull).toList();
        // One number a transaction: instances starting at once with their numbers listed in other orders then wait
        // on each other's single insert instead of deadlocking on two.
        var scopes = new java.util.HashMap<String, String>();
        for (var id : ids) {
            scopes.putAll(db.write(h -> new NumberStore().register(h, List.of(id), clock.instant())));
        }
        // Every number's replies leave through one non-blocking client (its own endpoint and token each): one pool
        // of connections to Meta and one set of threads, however many numbers are served.
        var graphHttp = numbers.all().stream().allMatch(BusinessNumber::dryRun) ? null : GraphHttp.start();
        var lines = NumberWiring.switchboard(config, numbers, scopes, http, graphHttp, overrides,
                new Policy(config.sessionTtl(), config.maxAnswerChars(), config.userMaxMessagesPerMinute()), breakers,
                metrics);

        var sends = new Lanes(workers);
        var sender = new OutboxSender(db, outbox, lines, sends, workers,
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5)), outcomes, self.id(), clock);
        // SQLite's single writer runs every intake and turn, so it can keep the messages between them in memory,
        var waiting = db.isSqlite() ? WaitingMessages.forTheWriter() : null;
        // and each person's session as it last saved it, so that a turn does not read it back.
        var latest = db.isSqlite() ? LatestSessions.rememberedByTheWriter(sessions)
                : LatestSessions.readEachTime(sessions);
        var turns = new Turns(db, lines, latest, inbox, outbox, submissions, conversationStore, outcomes, sender,
                waiting, clock);
        var conversations = new Lanes(workers);
        var worker = new SubmissionWorker(db, submissions, lines, turns, conversations, workers,
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30)), config.externalApiMaxAttempts(),
                config.externalApiTimeout().plusSeconds(30), outcomes, self.id(), clock);
        var dispatcher = new Dispatcher(db, conversations, turns, worker);
        var intake = new Intake(db, inbox, outbox, dispatcher, waiting, clock);
        Liveness liveness = null;
        if (db.isSqlite()) {
            // One process owns a SQLite file: whatever was claimed belonged to the previous one, which is gone.
            int released = db.write(h -> submissions.releaseAllClaims(h, clock.instant()));
            if (released > 0) {
                log.info("[STARTUP] {} submissions were pending at the last stop; posting them again", released);
            }
        } else {
            liveness = new Liveness(db, new InstanceStore(), outbox, submissions, self, clock);
        }
        var poller = new Poller(db, inbox, dispatcher, sender, worker);

        var parser = new WebhookParser();
        var webhook = new WebhookRoutes(config.verifyToken(),
                config.appSecret() == null ? null : new WebhookSignature(config.appSecret()),
                parser, lines, intake, config.webhookMaxBytes(), metrics);
        var admin = new AdminRoutes(db, lines, sessions, inbox, outbox, submissions, turns, sender, clock);
        var access = new AdminAccess(config.adminToken(), clock);
        var simulators = lines.lines().stream().map(line -> new Simulator(parser, lines, line, intake, db, inbox,
                outbox, new Owed(), sessions, clock)).toList();
        var assets = new Assets();
        var contract = new ContractRoutes();
        var health = new HealthRoutes(db);
        var signIn = new SignInRoutes(access, assets, clock);
        var simulatorPages = new SimulatorRoutes(simulators, lines.several(), assets);
        var actions = new OperatorActions(db, turns, submissions, outbox, worker, sender, clock);
        // host:port, known once the server listens (PORT=0 picks one).
        var instance = new AtomicReference<String>();
        var console = new ConsoleRoutes(new ConsoleRoutes.Parts(db, conversationStore, sessions, inbox, outbox,
                submissions, new Backlog(), new AlertStore(), actions), lines, assets, access,
                config.timeZone(), instance::get, clock);

        var server = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            // Meta sends up to 1000 updates and 3 MB in one POST: the default limit admits every genuine batch.
            c.http.maxRequestSize = config.webhookMaxBytes();
            c.concurrency.useVirtualThreads = Runtime.version().feature() >= 21;
            c.jetty.modifyServer(jetty -> HttpMeters.bind(jetty, metrics, new WebhookHandler(webhook)));
            c.routes.get("/webhook", webhook::verify);
            c.routes.get("/", webhook::verify);
            c.routes.before("/sessions*", access::check);
            c.routes.before("/reset-session/*", access::check);
            c.routes.before("/send-test", access::check);
            c.routes.get("/sessions", admin::list);
            c.routes.get("/sessions/{phone}", admin::show);
            c.routes.get("/reset-session/{phone}", admin::reset);
            c.routes.get("/send-test", admin::sendTest);
            c.routes.get("/assets/{name}", assets::serve);
            c.routes.get("/sign-in", signIn::form);
            c.routes.post("/sign-in", signIn::signIn);
            c.routes.post("/sign-out", signIn::signOut);
            c.routes.before("/simulator", access::check);
            c.routes.before("/simulator/*", access::check);
            c.routes.get("/simulator", simulatorPages::page);
            c.routes.get("/simulator/api/people/{person}", simulatorPages::transcript);
            c.routes.post("/simulator/api/people/{person}/messages", simulatorPages::send);
            c.routes.post("/simulator/api/people/{person}/read", simulatorPages::read);
            console.register(c.routes);
            c.routes.get("/health/live", health::live);
            c.routes.get("/health/ready", health::ready);
            c.routes.get("/health", ctx -> ctx.json(Map.of("status", db.read(h ->
                    h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1 ? "ok" : "degraded")));
            c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
            c.routes.get("/openapi.yaml", contract::serve);
        });
        if (liveness != null) {
            // Registered before anything can claim: a claim must name an instance the others can see die.
            liveness.start(() -> {
                sender.wakeDue();
                worker.wake();
            });
            log.info("[STARTUP] instance {} beats every {} s; an instance silent for {} s is taken for dead",
                    self, Liveness.BEAT.toSeconds(), Liveness.SILENCE.toSeconds());
        }
        if (overrides.host() == null) {
            server.start(config.port());
        } else {
            server.start(overrides.host(), config.port());
        }

        log.info("[STARTUP] wabot listening on port {} with {}", server.port(), config);
        NumberWiring.describe(lines);
        if (config.appSecret() == null) {
            log.warn("[STARTUP] APP_SECRET is not set: webhook deliveries are NOT authenticated");
        }
        poller.start(config.pollInterval());
        var backlog = new BacklogMeters(db, new Backlog(), metrics, clock);
        backlog.start(Duration.ofSeconds(5));
        var housekeeping = new Housekeeping(db, new Retention(), conversationStore, config.sessionTtl(),
                Duration.ofDays(config.retentionDays()), clock);
        housekeeping.start(Duration.ofHours(1));
        instance.set(instanceName(server.port()));
        var alerts = new Alerts(db, outbox, submissions, new Backlog(), new AlertStore(), lines, config.alerts(), http,
                instance.get(), metrics, clock);
        alerts.start();
        return new Wabot(db, poller, housekeeping, liveness, backlog, alerts, server, workers, List.of(conversations, sends),
                simulators, graphHttp);
    }

    /** Talks to this wabot's first number as a person would, without WhatsApp (the terminal chat, tests). */
    public Simulator simulator() {
        return simulators.get(0);
    }

    /** Talks to the number with this id as a person would, without WhatsApp. */
    public Simulator simulator(String phoneNumberId) {
        return simulators.stream().filter(s -> phoneNumberId.equals(s.line().id())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no number " + phoneNumberId + " is served here"));
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        // Intake first, so nothing new arrives; then the background work; the database last.
        server.stop();
        poller.close();
        housekeeping.close();
        backlog.close();
        alerts.close();
        lanes.forEach(Lanes::stop);
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        if (graphHttp != null) {
            // After the workers: a send still in flight fails, and its row stays pending for the next start.
            graphHttp.close();
        }
        if (liveness != null) {
            // Last before the database: the claims it frees are only final once no worker runs.
            liveness.close();
        }
        db.close();
    }

    /** How this instance names itself in alerts: {@code host:port}. */
    private static String instanceName(int port) {
        try {
            return InetAddress.getLocalHost().getHostName() + ":" + port;
        } catch (UnknownHostException e) {
            return "localhost:" + port;
        }
    }
}
