package wabotbench;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The webhook sender: Jetty's non-blocking HttpClient with keep-alive connections and TCP_NODELAY. A POST is
 * written from the caller's thread when a connection is idle; its completion runs on a client thread. Given several
 * instances, it is their round-robin front: each POST goes to the next one, so one person's messages alternate.
 */
final class Loader implements AutoCloseable {
    interface Done {
        void done(boolean ok, long nanos);
    }

    private final HttpClient client;
    private final URI[] webhooks;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong failuresShown = new AtomicLong();

    Loader(List<String> baseUrls, int maxConnections) throws Exception {
        var connector = new ClientConnector();
        connector.setSelectors(1);
        connector.setTCPNoDelay(true);
        var threads = new QueuedThreadPool(16, 4);
        threads.setName("load");
        connector.setExecutor(threads);
        client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setExecutor(threads);
        client.setMaxConnectionsPerDestination(maxConnections);
        client.setMaxRequestsQueuedPerDestination(1_000_000);
        client.setUserAgentField(null);
        client.setFollowRedirects(false);
        // Below the server's 30 s: a connection the server closes for idleness must never be picked for a POST.
        client.setIdleTimeout(20_000);
        client.start();
        webhooks = baseUrls.stream().map(url -> URI.create(url.replaceAll("/+$", "") + "/webhook")).toArray(URI[]::new);
    }

    void post(Webhooks.Signed signed, Done done) {
        var webhook = webhooks.length == 1 ? webhooks[0] : webhooks[(int) (next.getAndIncrement() % webhooks.length)];
        client.newRequest(webhook)
                .method(HttpMethod.POST)
                .headers(h -> h.put("X-Hub-Signature-256", signed.signature()))
                .body(new BytesRequestContent("application/json", signed.body()))
                .timeout(30, TimeUnit.SECONDS)
                .send(result -> {
                    boolean ok = result.isSucceeded() && result.getResponse().getStatus() == 200;
                    if (!ok && failuresShown.getAndIncrement() < 5) {
                        // Why a POST was not acknowledged, for the first few: a refusal or a broken connection.
                        System.err.println("load: webhook POST not acknowledged: " + (result.isSucceeded()
                                ? "HTTP " + result.getResponse().getStatus() : result.getFailure()));
                    }
                    done.done(ok, System.nanoTime());
                });
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
