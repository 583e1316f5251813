package wabot.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.http.RedirectResponse;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;

/**
 * Guards the operator endpoints and pages. With {@code ADMIN_TOKEN} set they need {@code Authorization: Bearer
 * <token>} (machines) or a signed-in session cookie (people, see {@link SignInRoutes}); a page asked for without
 * either goes to the sign-in form. Without the token they answer only to clients on this machine.
 */
public final class AdminAccess {
    private final byte[] expected;
    private final SessionCookie sessions;
    private final Clock clock;

    public AdminAccess(String adminToken, Clock clock) {
        this.expected = adminToken == null ? null : ("Bearer " + adminToken).getBytes(StandardCharsets.UTF_8);
        this.sessions = adminToken == null ? null : new SessionCookie(adminToken);
        this.clock = clock;
    }

    /** True when a token guards the endpoints, so people sign in; false when only this machine is let in. */
    public boolean signInNeeded() {
        return expected != null;
    }

    public void check(Context ctx) {
        if (expected != null) {
            var header = ctx.header("Authorization");
            if (header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
                return;
            }
            if (sessions.valid(ctx.cookie(SessionCookie.NAME), clock.instant())) {
                return;
            }
            if (header == null && "GET".equals(ctx.method().name()) && wantsPage(ctx)) {
                var next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
                ctx.header("Location", "/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
                throw new RedirectResponse(HttpStatus.SEE_OTHER, "sign in first");
            }
            throw new UnauthorizedResponse("a valid 'Authorization: Bearer <ADMIN_TOKEN>' header or a signed-in session is required");
        } else if (!isLoopback(ctx.req().getRemoteAddr())) {
            throw new UnauthorizedResponse("set ADMIN_TOKEN to use this endpoint from another machine");
        }
    }

    /** A session cookie for a person who just gave the right token. */
    String issueSession() {
        return sessions.issue(clock.instant());
    }

    boolean tokenMatches(String token) {
        return expected != null && token != null
                && MessageDigest.isEqual(expected, ("Bearer " + token).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean wantsPage(Context ctx) {
        var accept = ctx.header("Accept");
        return accept != null && accept.contains("text/html");
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
