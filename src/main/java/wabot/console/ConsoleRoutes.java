package wabot.console;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import wabot.conversation.Flow;
import wabot.delivery.OperatorActions;
import wabot.store.AlertStore;
import wabot.store.Backlog;
import wabot.store.ConversationList;
import wabot.store.ConversationStore;
import wabot.store.Database;
import wabot.store.InboxStore;
import wabot.store.OutboxStore;
import wabot.store.SessionStore;
import wabot.store.SubmissionStore;
import wabot.web.AdminAccess;
import wabot.web.Assets;
import wabot.web.Csrf;


/**
 * The console at {@code /console}, for the people who run intake: guarded like the operator endpoints, every page
 * read through the stores, every action through {@link OperatorActions}, every POST checked against CSRF.
 */
public final class ConsoleRoutes {
    private static final Pattern PHONE = Pattern.compile("\\+?[\\d\\s().-]{6,40}");
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._-]{1,160}");
    private static final int PAGE = 50;
    private static final int TRANSCRIPT = 1000;

    /** What the console reads and acts through. */
    public record Parts(Database db, ConversationStore conversations, SessionStore sessions, InboxStore inbox,
                        OutboxStore outbox, SubmissionStore submissions, Backlog backlog, AlertStore alerts,
                        CircuitBreaker breaker, OperatorActions actions) {}

    private final Parts parts;
    private final ConversationList list = new ConversationList();
    private final AdminAccess access;
    private final Frame frame;
    private final Show show;
    private final OverviewPage overview;
    private final ConversationsPage conversations;
    private final ConversationPage conversation;
    private final ExportPage exportPage;
    private final AnswersExport export;
    private final Clock clock;

    public ConsoleRoutes(Parts parts, Flow flow, Assets assets, AdminAccess access, java.time.ZoneId zone,
                         java.util.function.Supplier<String> instance, Clock clock) {
        this.parts = parts;
        this.access = access;
        this.clock = clock;
        this.show = new Show(zone, clock);
        this.frame = new Frame(assets, access.signInNeeded(), instance);
        this.overview = new OverviewPage(show);
        this.conversations = new ConversationsPage(show);
        this.conversation = new ConversationPage(show, flow);
        this.exportPage = new ExportPage(flow, show);
        this.export = new AnswersExport(parts.db(), parts.submissions(), flow, zone, AnswersExport.PAGE);
    }

    public void register(RoutesConfig routes) {
        routes.before("/console", access::check);
        routes.before("/console/*", access::check);
        routes.get("/console", this::overview);
        routes.get("/console/conversations", this::conversations);
        routes.get("/console/conversations/{id}", this::conversation);
        routes.post("/console/conversations/{id}/reset", this::reset);
        routes.post("/console/conversations/{id}/submissions/{submission}/retry", this::retry);
        routes.post("/console/conversations/{id}/replies/{reply}/cancel", this::cancel);
        routes.get("/console/export", this::exportForm);
        routes.get("/console/export.csv", ctx -> export(ctx, true));
        routes.get("/console/export.jsonl", ctx -> export(ctx, false));
    }

    /** {@code GET /console[?period=today|7d|30d]}. */
    void overview(Context ctx) {
        var period = OverviewPage.Period.of(ctx.queryParam("period"));
        var today = show.today();
        var since = show.startOf(period == OverviewPage.Period.TODAY ? today
                : today.minusDays(period == OverviewPage.Period.WEEK ? 6 : 29));
        var p = parts;
        var view = p.db().read(h -> new OverviewPage.View(period, since, p.conversations().tally(h, since),
                p.submissions().tally(h, since), p.outbox().failuresByCode(h, since), p.backlog().inbox(h),
                p.backlog().outbox(h), p.breaker().getState(),
                p.alerts().all(h).stream().filter(AlertStore.Row::firing).toList(), clock.instant()));
        ctx.html(frame.page(ctx, Frame.Section.OVERVIEW, "Overview", overview.body(view), 15));
    }

    /** {@code GET /console/conversations?q=&status=&from=&to=&after=|before=}. */
    void conversations(Context ctx) {
        String problem = null;
        var q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        String person = null;
        if (!q.isEmpty()) {
            if (PHONE.matcher(q).matches()) {
                person = q.replaceAll("\\D", "");
            } else if (USER_ID.matcher(q).matches()) {
                person = q;
            } else {
                problem = "Search by a phone number (with its country code) or a user id such as US.1234567890.";
            }
        }
        var status = oneOf(ctx.queryParam("status"), ConversationsPage.STATUSES);
        LocalDate from = null;
        LocalDate to = null;
        try {
            from = date(ctx.queryParam("from"));
            to = date(ctx.queryParam("to"));
        } catch (DateTimeParseException e) {
            problem = "Dates are written 2026-03-31.";
        }
        var form = new ConversationsPage.Form(q, status, from, to, problem);
        var filter = new ConversationList.Filter(status, person, from == null ? null : show.startOf(from),
                to == null ? null : show.startOf(to.plusDays(1)));
        var cursor = ctx.queryParam("before") != null ? ConversationList.Cursor.parse(ctx.queryParam("before"), true)
                : ConversationList.Cursor.parse(ctx.queryParam("after"), false);
        var page = parts.db().read(h -> list.page(h, filter, cursor, PAGE));
        ctx.html(frame.page(ctx, Frame.Section.CONVERSATIONS, "Conversations", conversations.body(form, page), 0));
    }

    /** {@code GET /console/conversations/{id}}. */
    void conversation(Context ctx) {
        var id = ctx.pathParam("id");
        var p = parts;
        var view = p.db().read(h -> p.conversations().find(h, id).map(c -> {
            var session = p.sessions().load(h, c.userKey()).filter(s -> id.equals(s.conversationId())).orElse(null);
            var said = p.inbox().ofConversation(h, c.userKey(), id, TRANSCRIPT);
            var told = p.outbox().ofConversation(h, c.userKey(), id, TRANSCRIPT);
            return new ConversationPage.View(c, session, said, told, p.sessions().answers(h, id),
                    p.submissions().ofConversation(h, id), p.conversations().ofPerson(h, c.userKey(), 10),
                    said.size() == TRANSCRIPT || told.size() == TRANSCRIPT);
        }));
        if (view.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).html(frame.page(ctx, Frame.Section.CONVERSATIONS, "Not found",
                    "<section class=\"card empty-state\"><h1>No such conversation</h1><p>It may have been removed after"
                            + " the retention period. <a href=\"/console/conversations\">All conversations</a></p>"
                            + "</section>", 0));
            return;
        }
        var title = Show.contact(view.get().conversation());
        ctx.html(frame.page(ctx, Frame.Section.CONVERSATIONS, title, conversation.body(view.get(), Csrf.token(ctx)),
                view.get().conversation().active() ? 10 : 0));
    }

    /** {@code POST /console/conversations/{id}/reset}: a turn, like a person's message. */
    void reset(Context ctx) {
        Csrf.check(ctx);
        var id = ctx.pathParam("id");
        var found = parts.db().read(h -> parts.conversations().find(h, id));
        boolean done = found.isPresent() && parts.actions().reset(found.get().userKey());
        back(ctx, id, done ? "reset" : "no-session");
    }

    /** {@code POST /console/conversations/{id}/submissions/{submission}/retry}. */
    void retry(Context ctx) {
        Csrf.check(ctx);
        boolean done = parts.actions().retrySubmission(ctx.pathParam("submission"));
        back(ctx, ctx.pathParam("id"), done ? "retried" : "not-failed");
    }

    /** {@code POST /console/conversations/{id}/replies/{reply}/cancel}. */
    void cancel(Context ctx) {
        Csrf.check(ctx);
        long reply;
        try {
            reply = Long.parseLong(ctx.pathParam("reply"));
        } catch (NumberFormatException e) {
            throw new io.javalin.http.BadRequestResponse("not a reply id");
        }
        boolean done = parts.actions().cancelReply(reply);
        back(ctx, ctx.pathParam("id"), done ? "cancelled" : "already-sent");
    }

    private static void back(Context ctx, String conversationId, String done) {
        ctx.redirect("/console/conversations/" + java.net.URLEncoder.encode(conversationId,
                java.nio.charset.StandardCharsets.UTF_8) + "?done=" + done, HttpStatus.SEE_OTHER);
    }

    /** {@code GET /console/export}: the form, over the last 30 days by default. */
    void exportForm(Context ctx) {
        var today = show.today();
        ctx.html(frame.page(ctx, Frame.Section.EXPORT, "Export",
                exportPage.body(today.minusDays(29), today, ctx.queryParam("status"), null), 0));
    }

    /** {@code GET /console/export.csv|.jsonl?from=&to=&status=}: streamed, a page at a time. */
    void export(Context ctx, boolean csv) throws java.io.IOException {
        LocalDate from;
        LocalDate to;
        try {
            from = date(ctx.queryParam("from"));
            to = date(ctx.queryParam("to"));
        } catch (DateTimeParseException e) {
            from = null;
            to = null;
        }
        var status = oneOf(ctx.queryParam("status"), java.util.List.of("done", "failed", "pending"));
        if (from == null || to == null || to.isBefore(from)) {
            ctx.status(HttpStatus.BAD_REQUEST).html(frame.page(ctx, Frame.Section.EXPORT, "Export",
                    exportPage.body(show.today().minusDays(29), show.today(), status,
                            "Choose a start and an end date, the end on or after the start."), 0));
            return;
        }
        var filter = new AnswersExport.Filter(show.startOf(from), show.startOf(to.plusDays(1)), status);
        var name = "wabot-answers-" + from + "-to-" + to + (status == null ? "" : "-" + status) + (csv ? ".csv" : ".jsonl");
        // Straight to the servlet's stream, uncompressed: Javalin's compressing stream holds the first bytes back to
        // decide, and ignores flush(), and the response must start at once (a proxy would give up on a CSV's silent
        // first pass) and flush page by page. X-Accel-Buffering asks nginx not to hold it either.
        ctx.disableCompression();
        ctx.contentType(csv ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "no-store")
                .header("X-Accel-Buffering", "no");
        var out = ctx.res().getOutputStream();
        if (csv) {
            export.csv(filter, out);
        } else {
            export.jsonLines(filter, out);
        }
    }

    /** {@code value} when it is one of {@code allowed}; null otherwise, which narrows nothing. */
    private static String oneOf(String value, java.util.List<String> allowed) {
        return value != null && allowed.contains(value) ? value : null;
    }

    private static LocalDate date(String value) {
        return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
    }

}
