package wabot.web;

import io.javalin.http.Context;

/** Whether the browser reached wabot over HTTPS: directly, or through a proxy that says so. */
final class Https {
    private Https() {}

    static boolean of(Context ctx) {
        var forwarded = ctx.header("X-Forwarded-Proto");
        if (forwarded != null) {
            return forwarded.split(",")[0].strip().equalsIgnoreCase("https");
        }
        return "https".equalsIgnoreCase(ctx.scheme());
    }
}
