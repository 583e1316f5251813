package wabot.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications to {@code ALERT_WEBHOOK_URL} from a thread of its own: a few tries with a pause between
 * them, then it gives up with a warning. Nothing waits on it, and a webhook that is down costs nothing else. The
 * URL carries a secret on Slack and Teams, so it is never logged.
 */
final class AlertWebhook implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertWebhook.class);
    private static final int QUEUE = 100;

    private final HttpClient http;
    private final URI url;
    private final List<Duration> pauses;
    private final ThreadPoolExecutor thread;

    /** {@code pauses}: the wait before each retry; their count is the number of retries. */
    AlertWebhook(HttpClient http, URI url, List<Duration> pauses) {
        this.http = http;
        this.url = url;
        this.pauses = List.copyOf(pauses);
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            var t = new Thread(r, "wabot-alert-webhook");
            t.setDaemon(true);
            return t;
        }, (task, pool) -> log.warn("[ALERT] webhook queue full: a notification was dropped (it is in the log)"));
    }

    void send(Notification notification) {
        thread.execute(() -> deliver(notification));
    }

    private void deliver(Notification n) {
        var request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(AlertMessage.body(n, url))).build();
        for (int attempt = 0; ; attempt++) {
            String problem;
            try {
                var response = http.send(request, HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return;
                }
                problem = "HTTP " + status;
                if (status / 100 == 4 && status != 408 && status != 429) {
                    log.warn("[ALERT] webhook refused the {} notice of {}: {}; not retried", n.state(), n.alert().id(),
                            problem);
                    return;
                }
            } catch (IOException e) {
                problem = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt >= pauses.size()) {
                log.warn("[ALERT] webhook failed {} times for the {} notice of {} ({}); giving up", attempt + 1,
                        n.state(), n.alert().id(), problem);
                return;
            }
            log.warn("[ALERT] webhook failed for the {} notice of {} ({}); retrying in {} ms", n.state(),
                    n.alert().id(), problem, pauses.get(attempt).toMillis());
            try {
                Thread.sleep(pauses.get(attempt).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            // A notice already being delivered gets a moment; retries left over are dropped (the log has them).
            if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}
