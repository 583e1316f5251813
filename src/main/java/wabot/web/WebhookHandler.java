package wabot.web;

import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Meta's deliveries ({@code POST /webhook}, and {@code POST /} for apps configured with the bare URL) taken on Jetty's
 * own handler API; every other request goes on to Javalin. Installed inside the timing handler, so the requests it
 * serves are measured like the others.
 */
public final class WebhookHandler extends Handler.Wrapper {
    private final WebhookRoutes webhook;

    public WebhookHandler(WebhookRoutes webhook) {
        this.webhook = webhook;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (HttpMethod.POST.is(request.getMethod())) {
            var path = Request.getPathInContext(request);
            if ("/webhook".equals(path) || "/".equals(path)) {
                webhook.receive(request, response, callback);
                return true;
            }
        }
        return super.handle(request, response, callback);
    }
}
