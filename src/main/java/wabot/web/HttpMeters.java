package wabot.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.jetty12.server.DefaultJettyCoreRequestTagsProvider;
import io.micrometer.jetty12.server.TimedHandler;
import java.util.Set;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;

/**
 * The HTTP server's meters, from Micrometer's own Jetty binders: {@code jetty_server_requests_seconds} by method,
 * status, outcome and {@code uri}, and the server's thread pool. The {@code uri} is the path's first segment from a
 * fixed set (a person's phone in {@code /sessions/...} would make one series per person).
 */
public final class HttpMeters {
    private static final Set<String> KNOWN = Set.of("webhook", "console", "simulator", "sessions", "reset-session",
            "send-test", "health", "metrics", "assets", "sign-in", "sign-out");

    private HttpMeters() {}

    /** Wraps the server's handler in the timing one and binds its thread pool; for Javalin's {@code modifyServer}. */
    public static void bind(Server server, MeterRegistry registry) {
        var defaults = new DefaultJettyCoreRequestTagsProvider();
        server.setHandler(new TimedHandler(registry, Tags.empty(),
                request -> Tags.of(defaults.getTags(request)).and(Tag.of("uri", uri(request)))));
        new JettyServerThreadPoolMetrics(server.getThreadPool(), Tags.empty()).bindTo(registry);
    }

    static String uri(Request request) {
        var path = Request.getPathInContext(request);
        if (path == null || path.equals("/")) {
            return "/";
        }
        int end = path.indexOf('/', 1);
        var first = end < 0 ? path.substring(1) : path.substring(1, end);
        return KNOWN.contains(first) ? "/" + first : "UNKNOWN";
    }
}
