package wabot.crash;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import wabot.crash.Run.Aborted;
import wabot.testing.Harness;

/**
 * Delivers like Meta: each webhook POST, signed, until it gets a 200, whatever happens to wabot meanwhile, and
 * sometimes once more. Each attempt goes where {@code port} says: the one instance, or the next instance behind a
 * round-robin front, so an attempt refused by a dead instance is retried on the other.
 */
final class Meta implements AutoCloseable {
    static final String APP_SECRET = "crash-test-app-secret";

    final AtomicInteger posts = new AtomicInteger();
    final AtomicInteger acknowledged = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger cut = new AtomicInteger();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger redelivered = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger pendingRedeliveries = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService later = Executors.newScheduledThreadPool(4,
            Run.daemon("crash-meta-redelivery"));
    private final Run run;
    private final IntSupplier port;

    Meta(Run run, IntSupplier port) {
        this.run = run;
        this.port = port;
    }

    void deliver(byte[] body, String what) {
        var signature = Harness.sign(APP_SECRET, body);
        for (int attempt = 1; ; attempt++) {
            if (run.aborted()) {
                throw new Aborted();
            }
            run.checkBudget("delivering " + what + " (attempt " + attempt + ")");
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + "/webhook"))
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
                    run.fail(t);
                } finally {
                    pendingRedeliveries.decrementAndGet();
                }
            }, 100 + random.nextInt(3000), TimeUnit.MILLISECONDS);
        }
    }

    void awaitRedeliveries() throws InterruptedException {
        while (pendingRedeliveries.get() > 0) {
            run.rethrow();
            run.checkBudget("waiting for Meta's redeliveries");
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        later.shutdownNow();
    }
}
