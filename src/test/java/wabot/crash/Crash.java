package wabot.crash;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import wabot.testing.FakeExternalApi;
import wabot.testing.FakeGraph;
import wabot.testing.SessionView;

/**
 * One crash run against the real {@code target/wabot.jar}: one or more instances on one database, people holding
 * whole conversations through Meta (deliveries spread round-robin over the instances), one instance killed again
 * and again, then the final check and the figures. {@link CrashIT} runs it on SQLite with one instance,
 * {@link PostgresCrashIT} on PostgreSQL with two.
 *
 * <p>Each launch gets its own {@code GRAPH_API_VERSION} (used only in the Graph URL) and its own query string on
 * {@code EXTERNAL_API_URL}, so every recorded send and call names the life of the process that made it
 * ({@link Lives}): a reply sent twice must have been sent by two lives, the first of them killed with it in flight.
 * The number stays the one Meta's deliveries are addressed to: a delivery for another number gets no reply.
 */
final class Crash {
    /** The Graph API version of launch n is this followed by n: {@code v20.n}. */
    static final String GRAPH_API_VERSION = "v20.";
    private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What to run. Tuning, as system properties: {@code crash.people}, {@code crash.kills}, {@code crash.seed},
     * {@code crash.budgetSeconds} (the run fails, saying where it was, when it takes longer), and
     * {@code crash.logLevel} (wabot's {@code LOG_LEVEL}, WARN unless given).
     */
    record Plan(String name, int people, int kills, Duration budget, Duration recoveryBound) {
        static Plan of(String name, int people, int kills, int budgetSeconds, int recoveryBoundSeconds) {
            return new Plan(name, Integer.getInteger("crash.people", people), Integer.getInteger("crash.kills", kills),
                    Duration.ofSeconds(Long.getLong("crash.budgetSeconds", budgetSeconds)),
                    Duration.ofSeconds(recoveryBoundSeconds));
        }
    }

    private final Plan plan;
    private final Path dir;
    private final Run run;
    private final Path out;

    /** @param dir a folder of the test's own, for the instances' working folders (and a SQLite file) */
    Crash(Plan plan, Path dir) throws IOException {
        this.plan = plan;
        this.dir = dir;
        this.run = new Run(Long.getLong("crash.seed", System.nanoTime()), plan.budget());
        var target = Path.of(System.getProperty("wabot.target", "target"));
        this.out = Files.createDirectories(target.resolve(plan.name()));
    }

    /** Where the logs and {@code runs.txt} go: {@code target/<name>}. */
    Path out() {
        return out;
    }

    /** A check of the settled system, made while every instance still runs; it throws to fail the test. */
    interface Settled {
        void check() throws Exception;
    }

    /**
     * Runs the whole test: starts the named instances on {@code databaseUrl}, lets the people talk, kills
     * {@code victim} {@link Plan#kills()} times, waits until everything settled and runs {@code settled}, stops
     * everything in order, checks the database and the fakes, prints the figures, and fails with every problem found.
     */
    void run(String databaseUrl, List<String> names, String victim, Settled settled) throws Exception {
        var target = Path.of(System.getProperty("wabot.target", "target"));
        var jar = Path.of(System.getProperty("wabot.jar", target.resolve("wabot.jar").toString()));
        var random = new Random(run.seed);
        System.out.printf("crash test: %d people, %d instances (%s), %d kills of %s, seed %d, budget %d s, logs in "
                        + "%s, database %s (kept if the test fails)%n", plan.people(), names.size(),
                String.join(", ", names), plan.kills(), victim, run.seed, plan.budget().toSeconds(), out, databaseUrl);

        var graph = FakeGraph.start();
        var answers = new BusinessApi();
        var api = FakeExternalApi.start().respondWith(answers::respond);
        var lives = new Lives();
        var launches = new AtomicInteger();
        var instances = new ArrayList<WabotProcess>();
        for (var name : names) {
            var log = out.resolve(name + ".log");
            Files.deleteIfExists(log);
            instances.add(new WabotProcess(name, jar, Files.createDirectories(dir.resolve(name)), log,
                    settings(databaseUrl, graph), launches::incrementAndGet,
                    launch -> Map.of("GRAPH_API_VERSION", GRAPH_API_VERSION + launch,
                            "EXTERNAL_API_URL", api.url() + "?launch=" + launch)));
        }
        var killed = instances.stream().filter(p -> p.name().equals(victim)).findFirst().orElseThrow();
        var front = new AtomicInteger();
        var meta = new Meta(run, () -> instances.get(Math.floorMod(front.getAndIncrement(), instances.size())).port());
        var people = new People(plan.people(), run, meta);
        var recovery = new Recovery();
        var killer = new Killer(run, meta, people, answers, lives, recovery);
        run.context(() -> " (" + killer.kills().size() + " kills done, " + people.accepted.size()
                + " messages accepted)" + instances.stream().map(p -> "\nlast lines of " + p.name() + "'s log:\n"
                + p.tail()).collect(Collectors.joining()));
        var watch = Executors.newSingleThreadScheduledExecutor(Run.daemon("crash-graph-watch"));
        var crowd = Executors.newFixedThreadPool(plan.people(), Run.daemon("crash-person"));
        var graphWatch = new GraphWatch(graph, people, recovery);
        Verdict.Findings findings;
        var exits = new LinkedHashMap<String, Integer>();
        try {
            launchAll(instances, lives);
            watch.scheduleWithFixedDelay(graphWatch, 0, 20, TimeUnit.MILLISECONDS);
            var talking = people.start(crowd);

            killer.killRepeatedly(killed, plan.kills(), random);
            people.enough();
            for (var person : talking) {
                run.awaitFuture(person, "the people to finish their last conversations");
            }
            meta.awaitRedeliveries();
            run.rethrow();
            awaitSettled(people, instances);
            settled.check();
            for (var instance : instances) {
                exits.put(instance.name(), instance.stop());
            }
            graphWatch.run();
            findings = new Verdict(people, graph, api, lives, killer.kills()).check(databaseUrl);
        } finally {
            run.abort();
            crowd.shutdownNow();
            watch.shutdownNow();
            meta.close();
            instances.forEach(WabotProcess::close);
            graph.close();
            api.close();
        }
        new Report(plan, run, out).print(findings, killer.kills(), recovery.waits(), meta, people, exits, dir);
    }

    private static Map<String, String> settings(String databaseUrl, FakeGraph graph) {
        var settings = new LinkedHashMap<String, String>();
        settings.put("DATABASE_URL", databaseUrl);
        settings.put("WHATSAPP_TOKEN", "test");
        settings.put("PHONE_NUMBER_ID", wabot.testing.Harness.PHONE_NUMBER_ID);
        settings.put("GRAPH_API_BASE_URL", graph.url());
        settings.put("APP_SECRET", Meta.APP_SECRET);
        settings.put("POLL_INTERVAL", "100ms");
        settings.put("SEND_RATE_PER_SECOND", "10000");
        settings.put("USER_MAX_MESSAGES_PER_MINUTE", "10000");
        settings.put("LOG_LEVEL", System.getProperty("crash.logLevel", "WARN"));
        return settings;
    }

    /** Starts every instance at once, as a deployment would (on an empty PostgreSQL database one migrates). */
    private void launchAll(List<WabotProcess> instances, Lives lives) {
        var starts = instances.stream()
                .map(instance -> CompletableFuture.supplyAsync(() -> instance.launch(LAUNCH_TIMEOUT)))
                .toList();
        for (int i = 0; i < instances.size(); i++) {
            var instance = instances.get(i);
            var took = starts.get(i).join();
            lives.started(instance.launch(), instance.name());
            System.out.printf("crash test: %s up in %.1f s (pid %d, port %d)%n", instance.name(),
                    took.toMillis() / 1000.0, instance.pid(), instance.port());
        }
    }

    /** Waits until every person's session has nothing pending: messages done, replies sent, submissions closed. */
    private void awaitSettled(People people, List<WabotProcess> instances) throws InterruptedException {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        var unsettled = new ArrayList<String>();
        while (true) {
            unsettled.clear();
            int port = instances.stream().filter(WabotProcess::alive).findFirst().orElseThrow().port();
            for (var person : people.all) {
                var view = session(http, port, person.phone);
                if (view == null || !view.settled() || !"CONVERSATION_ENDED".equals(view.state())) {
                    unsettled.add(person.phone + (view == null ? " (no session)" : " (" + view.state() + ")"));
                }
            }
            if (unsettled.isEmpty()) {
                return;
            }
            run.checkBudget("waiting for every session to settle; still unsettled: " + unsettled);
            Thread.sleep(100);
        }
    }

    private static SessionView session(HttpClient http, int port, String phone) throws InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sessions/" + phone))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() == 200 ? new SessionView(JSON.readTree(response.body())) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
