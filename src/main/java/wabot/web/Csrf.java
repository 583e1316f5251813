package wabot.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Cross-site request forgery protection for the pages (simulator, console, sign-in), by double submission: a
 * random token in a {@code SameSite=Strict} cookie, which a state-changing request must repeat in the
 * {@code X-CSRF-Token} header or a {@code csrf} form field. Another site can make a browser send the cookie's
 * name, never read its value. Machines that authenticate with a Bearer header carry no ambient credential, so they
 * need no token.
 */
public final class Csrf {
    static final String COOKIE = "wabot_csrf";
    static final String HEADER = "X-CSRF-Token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {}

    /** The page's token: the one its cookie holds, or a new one set now. Pages embed it in forms and scripts. */
    public static String token(Context ctx) {
        var given = ctx.<String>attribute(COOKIE);
        if (given != null) {
            return given; // a page asks more than once; a second new token would replace the first's cookie
        }
        var token = ctx.cookie(COOKIE);
        if (token == null || !token.matches("[0-9a-f]{32}")) {
            var bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            token = HexFormat.of().formatHex(bytes);
            // Readable by the page's script, which repeats it in a header; SameSite keeps other sites from sending it.
            ctx.cookie(new Cookie(COOKIE, token, "/", -1, Https.of(ctx), false, null, SameSite.STRICT));
        }
        ctx.attribute(COOKIE, token);
        return token;
    }

    /** Refuses a state-changing request that does not repeat its cookie's token. */
    public static void check(Context ctx) {
        var auth = ctx.header("Authorization");
        if (auth != null && auth.startsWith("Bearer ")) {
            return;
        }
        var expected = ctx.cookie(COOKIE);
        var given = ctx.header(HEADER);
        if (given == null && ctx.contentType() != null
                && ctx.contentType().startsWith("application/x-www-form-urlencoded")) {
            given = ctx.formParam("csrf");
        }
        if (expected == null || given == null || !MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw new ForbiddenResponse("missing or wrong CSRF token: reload the page and try again");
        }
    }
}
