package wabot.whatsapp;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The one non-blocking HTTP client every number's {@link GraphClient} sends through: a single pool of connections to
 * Meta and a single set of threads, however many numbers a deployment serves. Each GraphClient keeps its own endpoint
 * and token; this holds only the connections.
 */
public final class GraphHttp implements AutoCloseable {
    private final HttpClient http;

    private GraphHttp(HttpClient http) {
        this.http = http;
    }

    public static GraphHttp start() {
        var threads = new QueuedThreadPool();
        threads.setName("wabot-graph");
        threads.setDaemon(true);
        var http = new HttpClient();
        http.setExecutor(threads);
        http.setConnectTimeout(5_000);
        http.setIdleTimeout(60_000);
        // Sends to one person go one at a time, people in parallel: a connection per person in flight, and the
        // rest wait their turn in the client's queue instead of being refused. Every number sends to the same
        // host, so these connections are shared by all of them.
        http.setMaxConnectionsPerDestination(256);
        http.setMaxRequestsQueuedPerDestination(1_000_000);
        http.setFollowRedirects(false);
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Graph API client: " + e.getMessage(), e);
        }
        // Meta's answers are read as they come: a 401 (an expired token, code 190) carries its error in the body,
        // which the client's authentication handler (installed by start) would swallow for want of a challenge.
        http.getProtocolHandlers().clear();
        return new GraphHttp(http);
    }

    HttpClient client() {
        return http;
    }

    /** Whatever is in flight fails; its row stays pending in the outbox and is sent at the next start. */
    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            // Stopping anyway: nothing to do about a client that would not stop cleanly.
        }
    }
}
