package wabot.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.time.Clock;

/**
 * How a person gets into the pages when {@code ADMIN_TOKEN} is set: a form takes the token and sets a session
 * cookie ({@code HttpOnly}, {@code SameSite=Strict}, {@code Secure} over HTTPS); wrong tokens are slowed down;
 * signing out clears the cookie.
 */
public final class SignInRoutes {
    private final AdminAccess access;
    private final Assets assets;
    private final SignInThrottle throttle = new SignInThrottle();
    private final Clock clock;

    public SignInRoutes(AdminAccess access, Assets assets, Clock clock) {
        this.access = access;
        this.assets = assets;
        this.clock = clock;
    }

    /** {@code GET /sign-in}. */
    public void form(Context ctx) {
        ctx.html(page(ctx, null, next(ctx.queryParam("next"))));
    }

    /** {@code POST /sign-in}: the token from the form. */
    public void signIn(Context ctx) {
        Csrf.check(ctx);
        var next = next(ctx.formParam("next"));
        var address = ctx.ip();
        var wait = throttle.wait(address, clock.instant());
        if (!wait.isZero()) {
            long seconds = Math.max(1, wait.toSeconds());
            ctx.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(seconds))
                    .html(page(ctx, "Too many wrong tokens. Try again in " + seconds + " s.", next));
            return;
        }
        if (!access.tokenMatches(ctx.formParam("token"))) {
            throttle.failed(address, clock.instant());
            ctx.status(HttpStatus.UNAUTHORIZED).html(page(ctx, "That is not the admin token.", next));
            return;
        }
        throttle.succeeded(address);
        ctx.cookie(new Cookie(SessionCookie.NAME, access.issueSession(), "/",
                (int) SessionCookie.LIFETIME.toSeconds(), Https.of(ctx), true, null, SameSite.STRICT));
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    /** {@code POST /sign-out}. */
    public void signOut(Context ctx) {
        Csrf.check(ctx);
        ctx.cookie(new Cookie(SessionCookie.NAME, "", "/", 0, Https.of(ctx), true, null, SameSite.STRICT));
        ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
    }

    private String page(Context ctx, String problem, String next) {
        var body = new StringBuilder("<main class=\"narrow\"><h1>wabot</h1>");
        if (!access.signInNeeded()) {
            body.append("<p>No <code>ADMIN_TOKEN</code> is set, so there is nothing to sign in to: the pages answer ")
                    .append("only on this machine. <a href=\"").append(Html.escape(next)).append("\">Go on</a>.</p>");
        } else {
            if (problem != null) {
                body.append("<p class=\"problem\" role=\"alert\">").append(Html.escape(problem)).append("</p>");
            }
            body.append("<form method=\"post\" action=\"/sign-in\">")
                    .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(Csrf.token(ctx)).append("\">")
                    .append("<input type=\"hidden\" name=\"next\" value=\"").append(Html.escape(next)).append("\">")
                    .append("<label for=\"token\">Admin token</label>")
                    .append("<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" required autofocus>")
                    .append("<button type=\"submit\">Sign in</button></form>");
        }
        return Html.page(assets, "Sign in", body.append("</main>").toString());
    }

    /** Where to go after signing in: only a path on this site, so the form cannot send anyone elsewhere. */
    private static String next(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")
                ? next : "/console";
    }
}
