package wabot.console;

import io.javalin.http.Context;
import wabot.web.Assets;
import wabot.web.Csrf;
import wabot.web.Html;

/**
 * The frame every console page shares: the head with its versioned assets, the top bar with the sections and the
 * sign-out, and a notice after an action.
 */
final class Frame {
    enum Section { OVERVIEW, CONVERSATIONS, EXPORT }

    private final Assets assets;
    private final boolean signInNeeded;
    private final java.util.function.Supplier<String> instance;

    Frame(Assets assets, boolean signInNeeded, java.util.function.Supplier<String> instance) {
        this.assets = assets;
        this.signInNeeded = signInNeeded;
        this.instance = instance;
    }

    /**
     * A whole page. {@code body} is trusted HTML built with {@link Html#escape}; {@code refreshSeconds} above zero
     * makes the page reload its main part on its own.
     */
    String page(Context ctx, Section section, String title, String body, int refreshSeconds) {
        var csrf = Csrf.token(ctx);
        var out = new StringBuilder(body.length() + 2048);
        out.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.escape(title)).append(" · wabot console</title>")
                .append("<link rel=\"stylesheet\" href=\"").append(assets.url("wabot.css")).append("\">")
                .append("<link rel=\"stylesheet\" href=\"").append(assets.url("console.css")).append("\">")
                .append("<script defer src=\"").append(assets.url("console.js")).append("\"></script>")
                .append("</head>\n<body class=\"console\"><header class=\"topbar\"><a class=\"brand\" href=\"/console\">")
                .append("<span class=\"logo\" aria-hidden=\"true\">w</span>wabot <small>console</small></a><nav>");
        link(out, section == Section.OVERVIEW, "/console", "Overview");
        link(out, section == Section.CONVERSATIONS, "/console/conversations", "Conversations");
        link(out, section == Section.EXPORT, "/console/export", "Export");
        out.append("</nav><div class=\"who\"><span class=\"instance\" title=\"This instance\">")
                .append(Html.escape(instance.get())).append("</span>");
        if (signInNeeded) {
            out.append("<form method=\"post\" action=\"/sign-out\"><input type=\"hidden\" name=\"csrf\" value=\"")
                    .append(csrf).append("\"><button type=\"submit\" class=\"quiet\">Sign out</button></form>");
        }
        out.append("</div></header>\n<main id=\"main\"").append(refreshSeconds > 0
                        ? " data-refresh=\"" + refreshSeconds + "\"" : "").append(">");
        var done = ctx.queryParam("done");
        if (done != null && NOTICES.containsKey(done)) {
            var notice = NOTICES.get(done);
            out.append("<p class=\"notice ").append(notice[0]).append("\" role=\"status\">")
                    .append(Html.escape(notice[1])).append("</p>");
        }
        return out.append(body).append("</main></body></html>\n").toString();
    }

    private static final java.util.Map<String, String[]> NOTICES = java.util.Map.of(
            "reset", new String[] {"good", "Conversation reset: the person's next message starts a new one."},
            "retried", new String[] {"good", "Submission queued: it is being posted again with the same Idempotency-Key."},
            "cancelled", new String[] {"good", "Reply cancelled: it will not be sent; the person's next replies go on."},
            "not-failed", new String[] {"warn", "That submission is no longer failed: nothing was retried."},
            "already-sent", new String[] {"warn", "That reply had already left the outbox: nothing was cancelled."},
            "no-session", new String[] {"warn", "This person has no conversation to reset."});

    private static void link(StringBuilder out, boolean current, String href, String label) {
        out.append("<a href=\"").append(href).append('"').append(current ? " aria-current=\"page\"" : "").append('>')
                .append(label).append("</a>");
    }
}
