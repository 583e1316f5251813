package wabot.console;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import wabot.delivery.OperatorActions;
import wabot.store.ConversationStore;
import wabot.store.Database;
import wabot.web.Csrf;

/** The console's three actions, each a form POST with the page's CSRF token, answered by a redirect to the page. */
final class ActionRoutes {
    private final Database db;
    private final ConversationStore conversations;
    private final OperatorActions actions;

    ActionRoutes(Database db, ConversationStore conversations, OperatorActions actions) {
        this.db = db;
        this.conversations = conversations;
        this.actions = actions;
    }

    /** {@code POST /console/conversations/{id}/reset}: a turn, like a person's message. */
    void reset(Context ctx) {
        Csrf.check(ctx);
        var id = ctx.pathParam("id");
        var found = db.read(h -> conversations.find(h, id));
        boolean done = found.isPresent() && actions.reset(found.get().userKey());
        back(ctx, id, done ? "reset" : "no-session");
    }

    /** {@code POST /console/conversations/{id}/submissions/{submission}/retry}. */
    void retry(Context ctx) {
        Csrf.check(ctx);
        boolean done = actions.retrySubmission(ctx.pathParam("submission"));
        back(ctx, ctx.pathParam("id"), done ? "retried" : "not-failed");
    }

    /** {@code POST /console/conversations/{id}/replies/{reply}/cancel}. */
    void cancel(Context ctx) {
        Csrf.check(ctx);
        long reply;
        try {
            reply = Long.parseLong(ctx.pathParam("reply"));
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("not a reply id");
        }
        boolean done = actions.cancelReply(reply);
        back(ctx, ctx.pathParam("id"), done ? "cancelled" : "already-sent");
    }

    private static void back(Context ctx, String conversationId, String done) {
        ctx.redirect("/console/conversations/" + URLEncoder.encode(conversationId, StandardCharsets.UTF_8)
                + "?done=" + done, HttpStatus.SEE_OTHER);
    }
}
