package wabot.crash;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Flow;
import wabot.flow.FlowLoader;
import wabot.testing.FakeExternalApi;
import wabot.testing.FakeExternalApi.Response;
import wabot.testing.FakeGraph;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.SessionView;
import wabot.testing.Webhooks;

/**
 * Crash safety, proven (issue 3): real conversations against the real jar, which is {@code kill -9}ed at random
 * moments and restarted on the same SQLite file, after which nothing may be lost and nothing doubled but the one
 * send per person that was in flight at a kill.
 *
 * <p>The world around wabot is the test kit's: {@link FakeGraph} is Meta's send endpoint, {@link FakeExternalApi}
 * the business API, {@link Webhooks} builds the deliveries. {@link WabotProcess} runs {@code target/wabot.jar} as a
 * child process. The test plays three parts:
 * <ul>
 *   <li><b>People</b> ({@link #PEOPLE} at once): each walks whole conversations of the bundled flow (a greeting,
 *       four answers, then "processing" and the business API's final message), sending the next answer only once
 *       the question it answers has reached the fake Graph API, and starting conversation after conversation
 *       until the last kill is over. Every answer is unique, so every stored row and every reply can be traced
 *       to the message that caused it.</li>
 *   <li><b>Meta</b>: delivers each message as a signed webhook POST to wherever wabot listens, again and again
 *       until it gets a 200 (connection refused while wabot is down, connections cut by a kill), and sometimes
 *       delivers an acknowledged message again, at once or seconds later, as Meta does.</li>
 *   <li><b>The killer</b>: {@link #KILLS} times, 300 to 1500 ms after wabot is up again, it sends SIGKILL while
 *       the load flows, so kills land in intake, turn commits, sends and business API calls (each kill's
 *       line shows what was in flight), then restarts wabot on the same database and port.</li>
 * </ul>
 *
 * <p>The business API answers each submission from its payload alone, after 50 to 600 ms, so a submission posted
 * again after a kill gets the same answer; the test checks that it carries the same {@code Idempotency-Key} and
 * that the conversation gets one outcome. At the end wabot is stopped and its SQLite file read: every accepted
 * message processed exactly once, every answer stored once, each person's replies exactly the expected sequence,
 * every reply at the fake Graph API at least once. Duplicate sends are counted by {@code biz_opaque_callback_data}
 * ({@code outbox-<id>}): the same id twice is one duplicate. Each launch gets its own {@code PHONE_NUMBER_ID}
 * (used only in the Graph URL) and its own query string on {@code EXTERNAL_API_URL}, so every recorded send and
 * call names the life of the process that made it: a reply sent twice must have been sent by two lives (the first
 * was in flight when its life was killed), and no kill may catch more than one send of a person in flight.
 *
 * <p>Tuning, as system properties: {@code crash.people}, {@code crash.kills}, {@code crash.seed}, and
 * {@code crash.budgetSeconds} (the run fails, saying where it was, when it takes longer). The child's output is in
 * {@code target/crash-it/wabot.log}; each run's summary line is appended to {@code target/crash-it/runs.txt}.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CrashIT {
    private static final int PEOPLE = Integer.getInteger("crash.people", 20);
    private static final int KILLS = Integer.getInteger("crash.kills", 6);
    private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("crash.budgetSeconds", 170));
    private static final int MIN_CONVERSATIONS = 4;
    /** A bound on a run whose kills never come; the load normally stops when the last kill is over. */
    private static final int MAX_CONVERSATIONS = 30;
    private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(90);
    private static final String APP_SECRET = "crash-test-app-secret";
    private static final String WHATSAPP_TOKEN = "test";
    /**
     * Each launch gets its own phone number id, which is only used in the Graph URL path, and its own query string
     * on the business API URL: so every send and every call the fakes record says which life of the process made
     * it, however late the fakes handle it.
     */
    private static final long PHONE_NUMBER_ID = 200_000_000_000_000L;
    private static final Flow FLOW = FlowLoader.bundled();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private long started;
    private long seed;
    private long deadline;
    private volatile boolean killsDone;
    private volatile boolean abort;
    private final Queue failures = new Queue();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final List<Person> people = new ArrayList<>();
    private final Map<String, Person> byPhone = new HashMap<>();
    private final List<Kill> kills = new ArrayList<>();
    /** Launch number to life: 0 until the first kill, k after the k-th. */
    private final Map<Integer, Integer> lives = new ConcurrentHashMap<>();
    private final ApiTimes apiTimes = new ApiTimes();
    private FakeGraph graph;
    private FakeExternalApi api;
    private WabotProcess wabot;
    private Meta meta;

    /** One kill: when, which process after how long up, and what was in flight at that instant. */
    private record Kill(int number, Instant at, double atSeconds, long pid, long upMillis, int exitCode,
                        int webhooksInFlight, int repliesOwed, int apiInFlight, double restartSeconds) {}

    /** What the final check found. */
    private record Findings(List<String> problems, int messagesLost, int repliesLost, int doubled, int replies,
                            int duplicates, int conversations, int reposted, Map<Integer, Integer> duplicatesByKill,
                            Map<Integer, Long> inFlightFor, Map<Integer, Integer> repostsByKill) {}

    @Test
    void killedAgainAndAgainWabotLosesNothingAndDoublesOnlyInFlightSends() throws Exception {
        seed = Long.getLong("crash.seed", System.nanoTime());
        var random = new Random(seed);
        var target = Path.of(System.getProperty("wabot.target", "target"));
        var jar = Path.of(System.getProperty("wabot.jar", target.resolve("wabot.jar").toString()));
        var out = Files.createDirectories(target.resolve("crash-it"));
        var log = out.resolve("wabot.log");
        Files.deleteIfExists(log);
        var database = dir.resolve("wabot.db");
        started = System.nanoTime();
        deadline = started + BUDGET.toNanos();
        System.out.printf("crash test: %d people, %d kills, seed %d, budget %d s, wabot log %s, database %s (kept "
                + "if the test fails)%n", PEOPLE, KILLS, seed, BUDGET.toSeconds(), log, database);

        graph = FakeGraph.start();
        api = FakeExternalApi.start().respondWith(apiTimes::respond);
        var settings = new LinkedHashMap<String, String>();
        settings.put("DATABASE_URL", "jdbc:sqlite:" + database.toAbsolutePath());
        settings.put("WHATSAPP_TOKEN", WHATSAPP_TOKEN);
        settings.put("GRAPH_API_BASE_URL", graph.url());
        settings.put("APP_SECRET", APP_SECRET);
        settings.put("POLL_INTERVAL", "100ms");
        settings.put("SEND_RATE_PER_SECOND", "10000");
        settings.put("USER_MAX_MESSAGES_PER_MINUTE", "10000");
        settings.put("LOG_LEVEL", "WARN");
        wabot = new WabotProcess(jar, dir, log, settings,
                launch -> Map.of("PHONE_NUMBER_ID", Long.toString(PHONE_NUMBER_ID + launch),
                        "EXTERNAL_API_URL", api.url() + "?launch=" + launch));
        meta = new Meta();
        for (int i = 0; i < PEOPLE; i++) {
            var person = new Person(i, new Random(seed + 1 + i));
            people.add(person);
            byPhone.put(person.phone, person);
        }
        var watch = Executors.newSingleThreadScheduledExecutor(daemon("crash-graph-watch"));
        var crowd = Executors.newFixedThreadPool(PEOPLE, daemon("crash-person"));
        Findings findings = null;
        int exit = -1;
        try {
            var firstStart = wabot.launch(LAUNCH_TIMEOUT);
            lives.put(wabot.launches(), 0);
            System.out.printf("crash test: wabot up in %.1f s (pid %d, port %d)%n",
                    firstStart.toMillis() / 1000.0, wabot.pid(), wabot.port());
            watch.scheduleWithFixedDelay(new GraphWatch(), 0, 20, TimeUnit.MILLISECONDS);
            var running = new ArrayList<Future<?>>();
            for (var person : people) {
                running.add(crowd.submit(person));
            }

            killRepeatedly(random);
            killsDone = true;
            for (var future : running) {
                awaitFuture(future, "the people to finish their last conversations");
            }
            meta.awaitRedeliveries();
            failures.rethrow();
            awaitSettled();
            exit = wabot.stop();
            new GraphWatch().run();
            findings = verify(database);
        } finally {
            abort = true;
            crowd.shutdownNow();
            watch.shutdownNow();
            meta.close();
            wabot.close();
            graph.close();
            api.close();
        }
        report(findings, exit, out);
    }

    // ---- the killer ----------------------------------------------------------------------------------------------

    private void killRepeatedly(Random random) throws Exception {
        for (int k = 1; k <= KILLS; k++) {
            long upAt = System.nanoTime();
            sleepWatching(300 + random.nextInt(1201), "waiting to kill wabot for the " + ordinal(k) + " time");
            if (k > KILLS - 2 && kills.stream().noneMatch(kill -> kill.apiInFlight() > 0)) {
                // No kill has caught a business API call yet: give one a few seconds to be in flight.
                long until = System.nanoTime() + 3_000_000_000L;
                while (apiTimes.inFlight(System.nanoTime()) == 0 && System.nanoTime() - until < 0) {
                    sleepWatching(5, "waiting for a business API call to kill wabot during");
                }
            }
            // What is in flight at the kill instant: deliveries, replies owed, business API calls.
            int webhooks = meta.inFlight.get();
            int owed = people.stream().mapToInt(Person::owed).sum();
            int apiInFlight = apiTimes.inFlight(System.nanoTime());
            long pid = wabot.pid();
            long killedAt = System.nanoTime();
            var instant = Instant.now();
            long up = (killedAt - upAt) / 1_000_000;
            double at = seconds(killedAt - started);
            int exitCode = wabot.kill();
            // Down for a moment, so that Meta meets refused connections.
            sleepWatching(250 + random.nextInt(501), "keeping wabot down after kill " + k);
            var restart = wabot.launch(LAUNCH_TIMEOUT);
            lives.put(wabot.launches(), k);
            var kill = new Kill(k, instant, at, pid, up, exitCode, webhooks, owed, apiInFlight,
                    restart.toMillis() / 1000.0);
            kills.add(kill);
            System.out.printf("crash test: kill %d at %.1f s: pid %d after %d ms up, exit %d; in flight: "
                            + "%d webhook POSTs, %d replies owed, %d business API calls; back up in %.1f s%n",
                    k, at, pid, up, exitCode, webhooks, owed, apiInFlight, kill.restartSeconds());
            checkBudget("restarting wabot after kill " + k);
        }
    }

    private void sleepWatching(long millis, String what) throws InterruptedException {
        long until = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() - until < 0) {
            failures.rethrow();
            checkBudget(what);
            Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }

    private void awaitFuture(Future<?> future, String what) throws Exception {
        while (true) {
            failures.rethrow();
            checkBudget("waiting for " + what);
            try {
                future.get(100, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException notYet) {
                // keep waiting
            } catch (ExecutionException e) {
                if (e.getCause() instanceof AssertionError assertion) {
                    throw assertion;
                }
                throw e;
            }
        }
    }

    /** Waits until every person's session has nothing pending: messages done, replies sent, submissions closed. */
    private void awaitSettled() throws InterruptedException {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        var unsettled = new ArrayList<String>();
        while (true) {
            unsettled.clear();
            for (var person : people) {
                var view = session(http, person.phone);
                if (view == null || !view.settled() || !"CONVERSATION_ENDED".equals(view.state())) {
                    unsettled.add(person.phone + (view == null ? " (no session)" : " (" + view.state() + ")"));
                }
            }
            if (unsettled.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("crash test exceeded its budget of " + BUDGET.toSeconds()
                        + " s waiting for every session to settle; still unsettled: " + unsettled
                        + "\nlast lines of the wabot log:\n" + wabot.tail());
            }
            Thread.sleep(100);
        }
    }

    private SessionView session(HttpClient http, String phone) throws InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + wabot.port() + "/sessions/" + phone))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() == 200 ? new SessionView(JSON.readTree(response.body())) : null;
        } catch (IOException e) {
            return null;
        }
    }

    // ---- the people ----------------------------------------------------------------------------------------------

    /** One person walking conversation after conversation, waiting for each question before answering it. */
    private final class Person implements Runnable {
        final int index;
        final String phone;
        final Random random;
        /** Every reply this person is owed, in order; grows before each message is delivered. */
        final List<String> expected = new ArrayList<>();
        /** Replies received, one per outbox row (a repeated send counts once), in the order they first arrived. */
        final List<String> received = new ArrayList<>();
        final Set<Long> outboxIds = new HashSet<>();
        /** The conversations walked, by tag ({@code p07-c03}), with the answers given. */
        final Map<String, Map<String, String>> conversations = new LinkedHashMap<>();

        Person(int index, Random random) {
            this.index = index;
            this.phone = "1555700" + String.format("%04d", index);
            this.random = random;
        }

        @Override
        public void run() {
            try {
                for (int c = 0; c < MAX_CONVERSATIONS && (c < MIN_CONVERSATIONS || !killsDone); c++) {
                    converse(String.format("p%02d-c%02d", index, c));
                }
            } catch (Aborted stop) {
                // the test is already failing for another reason
            } catch (Throwable t) {
                failures.add(t);
                throw t;
            }
        }

        private void converse(String tag) {
            var answers = new LinkedHashMap<String, String>();
            answers.put("name", tag);
            answers.put("email", tag + "@example.com");
            answers.put("issue", tag + " issue");
            answers.put("comment", tag + " comment");
            synchronized (this) {
                conversations.put(tag, answers);
            }
            say(tag + "-m0", "hola", Flows.prompt(FLOW, "name"));
            say(tag + "-m1", answers.get("name"), Flows.prompt(FLOW, "email"));
            say(tag + "-m2", answers.get("email"), Flows.prompt(FLOW, "issue"));
            say(tag + "-m3", answers.get("issue"), Flows.prompt(FLOW, "comment"));
            say(tag + "-m4", answers.get("comment"), FLOW.texts().processing(), finalMessage(tag));
        }

        private void say(String id, String text, String... replies) {
            var wamid = "wamid.CRASH-" + id;
            var body = Webhooks.text(phone, wamid, text);
            synchronized (this) {
                expected.addAll(List.of(replies));
            }
            meta.deliver(body, wamid);
            accepted.add(wamid);
            meta.maybeRedeliver(body, wamid, random);
            awaitReplies(wamid, text);
            pause(random.nextInt(250));
        }

        private synchronized void awaitReplies(String wamid, String text) {
            long until = Math.min(System.nanoTime() + REPLY_TIMEOUT.toNanos(), deadline);
            while (received.size() < expected.size()) {
                if (abort) {
                    throw new Aborted();
                }
                long left = until - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(phone + " waited " + REPLY_TIMEOUT.toSeconds() + " s (or the budget ran "
                            + "out) for reply #" + (received.size() + 1) + " '" + expected.get(received.size())
                            + "' after " + wamid + " '" + text + "' was acknowledged; received so far: " + received
                            + "\nlast lines of the wabot log:\n" + wabot.tail());
                }
                try {
                    wait(Math.max(1, Math.min(100, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Aborted();
                }
            }
        }

        /** A send reached the fake Graph API for this person. */
        synchronized void reached(long outboxId, String text) {
            if (outboxIds.add(outboxId)) {
                received.add(text);
                notifyAll();
            }
        }

        synchronized int owed() {
            return Math.max(0, expected.size() - received.size());
        }

        private void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Aborted();
            }
        }
    }

    /** The business API's final message for a conversation: a function of its payload, as a real API's would be. */
    private static String finalMessage(String tag) {
        return "Gracias, " + tag + ". Te escribiremos pronto.";
    }

    /** How many sends to the fake Graph API were handed to the people. */
    private final AtomicInteger watched = new AtomicInteger();

    /** Feeds what reaches the fake Graph API to the people waiting for it. */
    private final class GraphWatch implements Runnable {
        @Override
        public void run() {
            synchronized (watched) {
                poll();
            }
        }

        private void poll() {
            var requests = graph.requests();
            for (int i = watched.get(); i < requests.size(); i++) {
                var request = requests.get(i);
                var person = byPhone.get(request.recipientKey());
                long outboxId = outboxId(request);
                if (request.delivered() && person != null && outboxId > 0) {
                    person.reached(outboxId, request.text());
                }
            }
            watched.set(requests.size());
        }
    }

    /** {@code biz_opaque_callback_data} is {@code outbox-<id>}; 0 when it is missing or malformed. */
    private static long outboxId(FakeGraph.Request request) {
        var reference = request.body().path("biz_opaque_callback_data").asText("");
        try {
            return reference.startsWith("outbox-") ? Long.parseLong(reference.substring(7)) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // ---- Meta ----------------------------------------------------------------------------------------------------

    /** Delivers like Meta: until a 200, whatever happens to wabot meanwhile, and sometimes once more. */
    private final class Meta implements AutoCloseable {
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        final AtomicInteger posts = new AtomicInteger();
        final AtomicInteger acknowledged = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger cut = new AtomicInteger();
        final AtomicInteger unavailable = new AtomicInteger();
        final AtomicInteger redelivered = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger pendingRedeliveries = new AtomicInteger();
        final ScheduledExecutorService later = Executors.newScheduledThreadPool(4, daemon("crash-meta-redelivery"));

        void deliver(byte[] body, String what) {
            var signature = Harness.sign(APP_SECRET, body);
            for (int attempt = 1; ; attempt++) {
                if (abort) {
                    throw new Aborted();
                }
                checkBudget("delivering " + what + " (attempt " + attempt + ")");
                var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + wabot.port() + "/webhook"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json")
                        .header("X-Hub-Signature-256", signature)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
                int status = 0;
                posts.incrementAndGet();
                inFlight.incrementAndGet();
                try {
                    status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (ConnectException | HttpConnectTimeoutException down) {
                    refused.incrementAndGet();
                } catch (IOException cutOff) {
                    cut.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Aborted();
                } finally {
                    inFlight.decrementAndGet();
                }
                if (status == 200) {
                    acknowledged.incrementAndGet();
                    return;
                }
                if (status >= 400 && status < 500) {
                    throw new AssertionError(what + " was refused with HTTP " + status + "; Meta would not retry it");
                }
                if (status != 0) {
                    unavailable.incrementAndGet();
                }
                try {
                    Thread.sleep(Math.min(400, 25L * attempt) + ThreadLocalRandom.current().nextInt(50));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Aborted();
                }
            }
        }

        /** Meta's at-least-once: about one acknowledged message in six is delivered again, now or seconds later. */
        void maybeRedeliver(byte[] body, String what, Random random) {
            double roll = random.nextDouble();
            if (roll < 0.05) {
                redelivered.incrementAndGet();
                deliver(body, what + " (delivered again at once)");
            } else if (roll < 0.17) {
                redelivered.incrementAndGet();
                pendingRedeliveries.incrementAndGet();
                later.schedule(() -> {
                    try {
                        deliver(body, what + " (delivered again later)");
                    } catch (Aborted stop) {
                        // the test is already failing
                    } catch (Throwable t) {
                        failures.add(t);
                    } finally {
                        pendingRedeliveries.decrementAndGet();
                    }
                }, 100 + random.nextInt(3000), TimeUnit.MILLISECONDS);
            }
        }

        void awaitRedeliveries() throws InterruptedException {
            while (pendingRedeliveries.get() > 0) {
                failures.rethrow();
                checkBudget("waiting for Meta's redeliveries");
                Thread.sleep(50);
            }
        }

        @Override
        public void close() {
            later.shutdownNow();
        }
    }

    // ---- the business API ----------------------------------------------------------------------------------------

    /** Answers each submission from its payload, a little later, and remembers when each call was in flight. */
    private static final class ApiTimes {
        private final List<long[]> windows = Collections.synchronizedList(new ArrayList<>());

        Response respond(FakeExternalApi.Call call) {
            var tag = call.answers().getOrDefault("name", "?");
            long delay = ThreadLocalRandom.current().nextLong(50, 600);
            long now = System.nanoTime();
            windows.add(new long[] {now, now + delay * 1_000_000});
            return Response.finish(finalMessage(tag)).delayed(Duration.ofMillis(delay));
        }

        int inFlight(long at) {
            synchronized (windows) {
                return (int) windows.stream().filter(w -> w[0] <= at && at < w[1]).count();
            }
        }
    }

    // ---- the verdict ---------------------------------------------------------------------------------------------

    private Findings verify(Path database) throws SQLException, IOException {
        var problems = new ArrayList<String>();
        Map<String, String> inbox = new HashMap<>();
        var answerRows = new ArrayList<String[]>();
        var outbox = new TreeMap<Long, String[]>();
        var submissions = new HashMap<String, String[]>();
        var sessions = new HashMap<String, String>();
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath())) {
            try (var rs = db.createStatement().executeQuery("SELECT message_id, status FROM inbox")) {
                while (rs.next()) {
                    inbox.put(rs.getString(1), rs.getString(2));
                }
            }
            try (var rs = db.createStatement().executeQuery(
                    "SELECT user_key, conversation_id, question_id, value FROM answers ORDER BY id")) {
                while (rs.next()) {
                    answerRows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            try (var rs = db.createStatement().executeQuery("SELECT id, user_key, body, status FROM outbox")) {
                while (rs.next()) {
                    outbox.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            try (var rs = db.createStatement().executeQuery(
                    "SELECT id, user_key, conversation_id, status, payload FROM submissions")) {
                while (rs.next()) {
                    submissions.put(rs.getString(1),
                            new String[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
                }
            }
            try (var rs = db.createStatement().executeQuery("SELECT user_key, state FROM sessions")) {
                while (rs.next()) {
                    sessions.put(rs.getString(1), rs.getString(2));
                }
            }
        }

        // 1. Every accepted message processed exactly once: stored once (the id is unique), marked done, and its
        //    answer stored once.
        int messagesLost = 0;
        for (var wamid : accepted) {
            if (!"done".equals(inbox.get(wamid))) {
                messagesLost++;
                problems.add("accepted message " + wamid + " was " + (inbox.containsKey(wamid)
                        ? "never processed (status " + inbox.get(wamid) + ")" : "never stored"));
            }
        }
        var strangers = new HashSet<>(inbox.keySet());
        strangers.removeAll(accepted);
        if (!strangers.isEmpty()) {
            problems.add("the inbox holds messages nobody sent: " + strangers);
        }
        var stored = new HashMap<String, List<String[]>>();
        for (var row : answerRows) {
            stored.computeIfAbsent(row[0] + "|" + row[2] + "|" + row[3], k -> new ArrayList<>()).add(row);
        }
        int doubled = 0;
        int conversations = 0;
        var expectedAnswers = new HashSet<String>();
        for (var person : people) {
            for (var conversation : person.conversations.entrySet()) {
                conversations++;
                var conversationIds = new HashSet<String>();
                for (var answer : conversation.getValue().entrySet()) {
                    var key = person.phone + "|" + answer.getKey() + "|" + answer.getValue();
                    expectedAnswers.add(key);
                    var rows = stored.getOrDefault(key, List.of());
                    if (rows.isEmpty()) {
                        messagesLost++;
                        problems.add(person.phone + "'s answer '" + answer.getValue() + "' to " + answer.getKey()
                                + " was never stored");
                    } else if (rows.size() > 1) {
                        doubled += rows.size() - 1;
                        problems.add(person.phone + "'s answer '" + answer.getValue() + "' was stored "
                                + rows.size() + " times");
                    }
                    rows.forEach(row -> conversationIds.add(row[1]));
                }
                if (conversationIds.size() > 1) {
                    problems.add(conversation.getKey() + "'s answers were stored under several conversations: "
                            + conversationIds);
                }
            }
        }
        for (var key : stored.keySet()) {
            if (!expectedAnswers.contains(key)) {
                doubled += stored.get(key).size();
                problems.add("an answer nobody gave was stored: " + key);
            }
        }

        // 2. Each person's replies: exactly the expected sequence, in the database and at the fake Graph API, no
        //    question skipped or repeated, and one outcome per conversation.
        int repliesLost = 0;
        var bodiesByUser = new HashMap<String, List<String>>();
        outbox.forEach((id, row) -> bodiesByUser.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]));
        for (var person : people) {
            var expected = person.expected;
            var inDb = bodiesByUser.getOrDefault(person.phone, List.of());
            var missing = minus(expected, inDb);
            var extra = minus(inDb, expected);
            repliesLost += missing.size();
            doubled += extra.size();
            if (!inDb.equals(expected)) {
                problems.add(person.phone + "'s stored replies differ from the conversation: missing " + missing
                        + ", extra " + extra + (missing.isEmpty() && extra.isEmpty() ? ", out of order" : ""));
            }
            if (!person.received.equals(expected)) {
                problems.add(person.phone + " received " + person.received.size() + " distinct replies, not the "
                        + expected.size() + " of the conversation (a question skipped, repeated or out of order):"
                        + "\n  expected " + expected + "\n  received " + person.received);
            }
        }
        for (var row : outbox.entrySet()) {
            if (!"sent".equals(row.getValue()[2])) {
                problems.add("outbox row " + row.getKey() + " ended " + row.getValue()[2] + ", not sent");
            }
        }

        // 3. Every reply reached the fake Graph API at least once, with its own text, and repeats only across kills.
        var sends = new TreeMap<Long, List<FakeGraph.Request>>();
        var requests = graph.requests();
        for (int i = 0; i < requests.size(); i++) {
            var request = requests.get(i);
            long id = outboxId(request);
            var row = outbox.get(id);
            if (!request.delivered()) {
                problems.add("the fake Graph API refused a send: " + request);
            } else if (row == null) {
                problems.add("a send names no stored reply (biz_opaque_callback_data "
                        + request.body().path("biz_opaque_callback_data") + "): " + request.text());
            } else if (!row[1].equals(request.text()) || !row[0].equals(request.recipientKey())) {
                problems.add("send " + i + " of outbox-" + id + " carried another text or recipient than the row");
            } else {
                sends.computeIfAbsent(id, k -> new ArrayList<>()).add(request);
            }
        }
        int duplicates = 0;
        var duplicatesByKill = new TreeMap<Integer, Integer>();
        var inFlightAtKill = new HashSet<String>();
        var inFlightFor = new TreeMap<Integer, Long>();
        for (var id : outbox.keySet()) {
            var sent = sends.getOrDefault(id, List.of());
            var lives = sent.stream().map(this::lifeOf).toList();
            if (lives.isEmpty()) {
                repliesLost++;
                problems.add("reply outbox-" + id + " to " + outbox.get(id)[0] + " never reached the Graph API: "
                        + outbox.get(id)[1]);
                continue;
            }
            duplicates += lives.size() - 1;
            if (new HashSet<>(lives).size() < lives.size()) {
                doubled++;
                problems.add("reply outbox-" + id + " was sent twice by one process, not only across a kill (lives "
                        + lives + ")");
            }
            for (int j = 1; j < lives.size(); j++) {
                if (lives.get(j).equals(lives.get(j - 1))) {
                    continue; // reported above
                }
                // Sent again by a later life: the life of the previous send was killed with it in flight (its
                // answer on the way back, the row not yet marked sent). One person's replies go out one at a
                // time, so a kill leaves at most one of theirs in flight.
                int kill = lives.get(j - 1) + 1;
                duplicatesByKill.merge(kill, 1, Integer::sum);
                if (!inFlightAtKill.add(outbox.get(id)[0] + "|" + kill)) {
                    problems.add(outbox.get(id)[0] + " had more than one send in flight at kill " + kill);
                }
                if (kill <= kills.size()) {
                    // How long before the kill that send had reached Graph; a send the dying process had written
                    // just before the kill may be recorded just after it, hence at least 0.
                    long age = Duration.between(sent.get(j - 1).receivedAt(), kills.get(kill - 1).at()).toMillis();
                    inFlightFor.merge(kill, Math.max(0, age), Math::max);
                }
            }
        }

        // 4. The business API: one submission per conversation, closed, posted with its id as Idempotency-Key, the
        //    same body each time, and answered into the conversation once (checked with the replies above).
        var calls = api.calls();
        var keysByTag = new HashMap<String, Set<String>>();
        var bodiesByKey = new HashMap<String, Set<String>>();
        var callLives = new HashMap<String, List<Integer>>();
        for (var call : calls) {
            var key = call.idempotencyKey();
            if (key == null || key.isBlank()) {
                problems.add("business API call " + call.seq() + " had no Idempotency-Key");
                continue;
            }
            keysByTag.computeIfAbsent(call.answers().getOrDefault("name", "?"), k -> new HashSet<>()).add(key);
            bodiesByKey.computeIfAbsent(key, k -> new HashSet<>()).add(call.rawBody());
            callLives.computeIfAbsent(key, k -> new ArrayList<>()).add(lifeOf("launch", call.query()));
        }
        int reposted = 0;
        var repostsByKill = new TreeMap<Integer, Integer>();
        for (var entry : callLives.entrySet()) {
            var posts = entry.getValue();
            reposted += posts.size() - 1;
            for (int j = 1; j < posts.size(); j++) {
                // Posted again by a later life: the kill that ended the previous post's life caught it in flight.
                // A repost in the same life is a retry after a timeout, not a crash: counted under kill 0.
                repostsByKill.merge(posts.get(j).equals(posts.get(j - 1)) ? 0 : posts.get(j - 1) + 1, 1,
                        Integer::sum);
            }
            if (bodiesByKey.get(entry.getKey()).size() > 1) {
                problems.add("submission " + entry.getKey() + " was posted with different bodies: "
                        + bodiesByKey.get(entry.getKey()));
            }
            var submission = submissions.get(entry.getKey());
            if (submission == null) {
                problems.add("Idempotency-Key " + entry.getKey() + " is no stored submission's id");
            }
        }
        for (var person : people) {
            for (var conversation : person.conversations.entrySet()) {
                var keys = keysByTag.getOrDefault(conversation.getKey(), Set.of());
                if (keys.size() != 1) {
                    problems.add(conversation.getKey() + " was posted to the business API under " + keys.size()
                            + " Idempotency-Keys " + keys + ", not one");
                    continue;
                }
                var submission = submissions.get(keys.iterator().next());
                if (submission != null) {
                    var payload = JSON.readTree(submission[3]);
                    if (!"done".equals(submission[2]) || !person.phone.equals(submission[0])
                            || !("+" + person.phone).equals(payload.path("user_phone").asText())
                            || !conversation.getValue().equals(JSON.convertValue(payload.path("answers"), Map.class))) {
                        problems.add("submission of " + conversation.getKey() + " is wrong: " + List.of(submission));
                    }
                }
            }
        }
        if (submissions.size() != conversations) {
            problems.add(submissions.size() + " submissions stored for " + conversations + " conversations");
        }
        for (var person : people) {
            if (!"CONVERSATION_ENDED".equals(sessions.get(person.phone))) {
                problems.add(person.phone + "'s session ended " + sessions.get(person.phone));
            }
        }
        return new Findings(problems, messagesLost, repliesLost, doubled, outbox.size(), duplicates, conversations,
                reposted, duplicatesByKill, inFlightFor, repostsByKill);
    }

    private void report(Findings findings, int exit, Path out) throws IOException {
        double took = seconds(System.nanoTime() - started);
        int lost = findings.messagesLost() + findings.repliesLost();
        var summary = String.format("crash test: %d kills, %d messages accepted, %d replies, %d duplicate sends, "
                        + "%d lost", kills.size(), accepted.size(), findings.replies(), findings.duplicates(), lost);
        var details = String.format("%d people, %d conversations, %d webhook POSTs (%d acknowledged, %d refused "
                        + "while down, %d cut by a kill, %d answered 5xx, %d messages redelivered), %d submissions "
                        + "posted again with the same key (%d of them retries without a kill), %d doubled, final stop "
                        + "exit %d, %.1f s, seed %s",
                PEOPLE, findings.conversations(), meta.posts.get(), meta.acknowledged.get(), meta.refused.get(),
                meta.cut.get(), meta.unavailable.get(), meta.redelivered.get(), findings.reposted(),
                findings.repostsByKill().getOrDefault(0, 0), findings.doubled(), exit, took, seed);
        for (var kill : kills) {
            System.out.printf("crash test: kill %d caught %d sends in flight (sent again after it; the earliest "
                            + "had reached Graph %d ms before the kill) and %d business API calls (posted again with "
                            + "the same key)%n",
                    kill.number(), findings.duplicatesByKill().getOrDefault(kill.number(), 0),
                    findings.inFlightFor().getOrDefault(kill.number(), 0L),
                    findings.repostsByKill().getOrDefault(kill.number(), 0));
        }
        System.out.printf("crash test: phases the kills landed in: webhook intake %d/%d, turns and sends owed %d/%d, "
                        + "business API call %d/%d, a send Graph had accepted but wabot had not recorded %d/%d%n",
                kills.stream().filter(kill -> kill.webhooksInFlight() > 0).count(), kills.size(),
                kills.stream().filter(kill -> kill.repliesOwed() > 0).count(), kills.size(),
                kills.stream().filter(kill -> kill.apiInFlight() > 0
                        || findings.repostsByKill().containsKey(kill.number())).count(), kills.size(),
                kills.stream().filter(kill -> findings.duplicatesByKill().containsKey(kill.number())).count(),
                kills.size());
        System.out.println(summary);
        System.out.println("crash test: " + details);
        Files.writeString(out.resolve("runs.txt"), Instant.now() + " " + summary + " (" + details + ")"
                        + (findings.problems().isEmpty() ? "" : " FAILED") + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        var problems = new ArrayList<String>();
        if (kills.size() < 5) {
            problems.add("only " + kills.size() + " kills; the proof needs at least 5");
        }
        for (var kill : kills) {
            if (kill.exitCode() != WabotProcess.SIGKILL_EXIT) {
                problems.add("kill " + kill.number() + " ended wabot with exit code " + kill.exitCode()
                        + ", not SIGKILL's " + WabotProcess.SIGKILL_EXIT);
            }
            if (kill.webhooksInFlight() + kill.repliesOwed() + kill.apiInFlight() == 0) {
                problems.add("kill " + kill.number() + " landed while nothing was in flight");
            }
        }
        if (lost != 0) {
            problems.add(lost + " lost (" + findings.messagesLost() + " accepted messages or answers never "
                    + "processed, " + findings.repliesLost() + " replies never delivered); the loss count must be 0");
        }
        int bound = PEOPLE * kills.size();
        if (findings.duplicates() > bound) {
            problems.add(findings.duplicates() + " duplicate sends, more than one in flight per person per kill ("
                    + bound + ")");
        }
        problems.addAll(findings.problems());
        if (!problems.isEmpty()) {
            throw new AssertionError("crash test found " + problems.size() + " problem(s) (the database is kept in "
                    + dir + ", wabot's output in " + out.resolve("wabot.log") + "):\n- "
                    + problems.stream().limit(40).collect(Collectors.joining("\n- ")));
        }
    }

    // ---- small things --------------------------------------------------------------------------------------------

    /** Which life of the process made a send: 0 until the first kill, k after the k-th. */
    private int lifeOf(FakeGraph.Request request) {
        return lifeOf("phone number id", Long.toString(Long.parseLong(request.phoneNumberId()) - PHONE_NUMBER_ID));
    }

    private int lifeOf(String what, String launch) {
        try {
            var life = lives.get(Integer.parseInt(launch.replaceFirst("^launch=", "")));
            if (life != null) {
                return life;
            }
        } catch (RuntimeException bad) {
            // reported below
        }
        throw new AssertionError("a request whose " + what + " names no launch of this test: " + launch);
    }

    /** {@code a} without one occurrence of each element of {@code b}: a multiset difference. */
    private static List<String> minus(List<String> a, List<String> b) {
        var counts = b.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        var rest = new ArrayList<String>();
        for (var item : a) {
            var count = counts.getOrDefault(item, 0L);
            if (count > 0) {
                counts.put(item, count - 1);
            } else {
                rest.add(item);
            }
        }
        return rest;
    }

    private void checkBudget(String what) {
        if (System.nanoTime() - deadline > 0) {
            abort = true;
            throw new AssertionError("crash test exceeded its budget of " + BUDGET.toSeconds() + " s while "
                    + what + " (" + kills.size() + " kills done, " + accepted.size() + " messages accepted)"
                    + "\nlast lines of the wabot log:\n" + wabot.tail());
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1_000_000_000.0;
    }

    private static String ordinal(int n) {
        return n == 1 ? "1st" : n == 2 ? "2nd" : n == 3 ? "3rd" : n + "th";
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        var count = new AtomicInteger();
        return runnable -> {
            var thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Thrown to stop a person or a delivery once the test is failing anyway. */
    private static final class Aborted extends RuntimeException {
        Aborted() {
            super(null, null, false, false);
        }
    }

    /** Failures of the people and of Meta's redeliveries, rethrown on the test's thread. */
    private final class Queue {
        private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

        void add(Throwable t) {
            failures.add(t);
            abort = true;
        }

        void rethrow() {
            var first = failures.peek();
            if (first instanceof AssertionError assertion) {
                throw assertion;
            }
            if (first != null) {
                throw new AssertionError(first.toString(), first);
            }
        }
    }
}
