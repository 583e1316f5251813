package wabot.crash;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import wabot.conversation.Flow;
import wabot.crash.Run.Aborted;
import wabot.flow.FlowLoader;
import wabot.testing.Flows;
import wabot.testing.Webhooks;

/**
 * The people of a crash run. Each walks whole conversations of the bundled flow (a greeting, four answers, then
 * "processing" and the business API's final message), sending the next answer only once the question it answers
 * has reached the fake Graph API, and starting conversation after conversation until {@link #enough} is said.
 * Every answer is unique, so every stored row and every reply can be traced to the message that caused it.
 */
final class People {
    static final Flow FLOW = FlowLoader.bundled();
    static final int MIN_CONVERSATIONS = 4;
    /** A bound on a run whose kills never come; the load normally stops when the last kill is over. */
    static final int MAX_CONVERSATIONS = 30;
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(90);

    final List<Person> all = new ArrayList<>();
    final Map<String, Person> byPhone = new HashMap<>();
    /** Every message Meta got a 200 for. */
    final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Run run;
    private final Meta meta;
    private volatile boolean enough;

    People(int count, Run run, Meta meta) {
        this.run = run;
        this.meta = meta;
        for (int i = 0; i < count; i++) {
            var person = new Person(i, new Random(run.seed + 1 + i));
            all.add(person);
            byPhone.put(person.phone, person);
        }
    }

    /** The business API's final message for a conversation: a function of its payload, as a real API's would be. */
    static String finalMessage(String tag) {
        return "Gracias, " + tag + ". Te escribiremos pronto.";
    }

    List<Future<?>> start(ExecutorService crowd) {
        return all.stream().<Future<?>>map(crowd::submit).toList();
    }

    /** Each finishes the conversation under way (and at least {@link #MIN_CONVERSATIONS}), then stops. */
    void enough() {
        enough = true;
    }

    /** Replies owed to everyone right now. */
    int owed() {
        return all.stream().mapToInt(Person::owed).sum();
    }

    /** Each person's count of replies owed so far: when each has received that many, nobody waits any more. */
    Map<Person, Integer> owedSoFar() {
        var owed = new HashMap<Person, Integer>();
        for (var person : all) {
            owed.put(person, person.expectedCount());
        }
        return owed;
    }

    /** One person walking conversation after conversation, waiting for each question before answering it. */
    final class Person implements Runnable {
        final int index;
        final String phone;
        private final Random random;
        /** Every reply this person is owed, in order; grows before each message is delivered. */
        final List<String> expected = new ArrayList<>();
        /** Replies received, one per outbox row (a repeated send counts once), in the order they first arrived. */
        final List<String> received = new ArrayList<>();
        private final Set<Long> outboxIds = new HashSet<>();
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
                for (int c = 0; c < MAX_CONVERSATIONS && (c < MIN_CONVERSATIONS || !enough); c++) {
                    converse(String.format("p%02d-c%02d", index, c));
                }
            } catch (Aborted stop) {
                // the test is already failing for another reason
            } catch (Throwable t) {
                run.fail(t);
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
            long until = Math.min(System.nanoTime() + REPLY_TIMEOUT.toNanos(), run.deadline());
            while (received.size() < expected.size()) {
                if (run.aborted()) {
                    throw new Aborted();
                }
                long left = until - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(phone + " waited " + REPLY_TIMEOUT.toSeconds() + " s (or the budget ran "
                            + "out) for reply #" + (received.size() + 1) + " '" + expected.get(received.size())
                            + "' after " + wamid + " '" + text + "' was acknowledged; received so far: " + received
                            + run.context());
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

        synchronized int expectedCount() {
            return expected.size();
        }

        synchronized String expectedAt(int index) {
            return expected.get(index);
        }

        synchronized int receivedCount() {
            return received.size();
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
}
