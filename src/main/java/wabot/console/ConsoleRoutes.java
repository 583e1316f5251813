package wabot.console;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import wabot.numbers.Line;
import wabot.numbers.Switchboard;
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
                        OperatorActions actions) {}

    private final Parts parts;
    private final Switchboard lines;
    private final ConversationList list = new ConversationList();
    private final AdminAccess access;
    private final Frame frame;
    private final Show show;
    private final OverviewPage overview;
    private final ConversationsPage conversations;
    private final ConversationPage conversation;
    private final ActionRoutes actions;
    private final ExportRoutes exports;
    private final Clock clock;

    /** @param lines the numbers served: each conversation's flow, and the numbers to show and filter by */
    public ConsoleRoutes(Parts parts, Switchboard lines, Assets assets, AdminAccess access, java.time.ZoneId zone,
                         java.util.function.Supplier<String> instance, Clock clock) {
        this.parts = parts;
        this.lines = lines;
        this.access = access;
        this.clock = clock;
        this.show = new Show(zone, clock);
        this.frame = new Frame(assets, access.signInNeeded(), instance);
        this.overview = new OverviewPage(show);
        this.conversations = new ConversationsPage(show, lines);
        this.conversation = new ConversationPage(show, lines.several());
        this.actions = new ActionRoutes(parts.db(), parts.conversations(), parts.actions());
        this.exports = new ExportRoutes(frame, show, new ExportPage(lines, show),
                new AnswersExport(parts.db(), parts.submissions(), lines, zone, AnswersExport.PAGE), lines);
    }

    public void register(RoutesConfig routes) {
        routes.before("/console", access::check);
        routes.before("/console/*", access::check);
        routes.get("/console", this::overview);
        routes.get("/console/conversations", this::conversations);
        routes.get("/console/conversations/{id}", this::conversation);
        routes.post("/console/conversations/{id}/reset", actions::reset);
        routes.post("/console/conversations/{id}/submissions/{submission}/retry", actions::retry);
        routes.post("/console/conversations/{id}/replies/{reply}/cancel", actions::cancel);
        routes.get("/console/export", exports::exportForm);
        routes.get("/console/export.csv", ctx -> exports.download(ctx, true));
        routes.get("/console/export.jsonl", ctx -> exports.download(ctx, false));
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
                p.backlog().outbox(h), circuits(), numbers(h, since),
                p.alerts().all(h).stream().filter(AlertStore.Row::firing).toList(), clock.instant()));
        ctx.html(frame.page(ctx, Frame.Section.OVERVIEW, "Overview", overview.body(view), 15));
    }

    /** Each business API's circuit, with the numbers that post through it. */
    private List<OverviewPage.Circuit> circuits() {
        var byBreaker = new LinkedHashMap<CircuitBreaker, List<String>>();
        for (var line : lines.lines()) {
            byBreaker.computeIfAbsent(line.breaker(), b -> new ArrayList<>()).add(line.number().label());
        }
        var circuits = new ArrayList<OverviewPage.Circuit>();
        byBreaker.forEach((breaker, numbers) -> circuits.add(new OverviewPage.Circuit(breaker.getName(),
                breaker.getState(), lines.several() ? numbers : List.of())));
        return circuits;
    }

    /** With several numbers, each one's conversations: open now, and started since {@code since}. */
    private List<OverviewPage.NumberTally> numbers(org.jdbi.v3.core.Handle h, java.time.Instant since) {
        if (!lines.several()) {
            return List.of();
        }
        var active = parts.conversations().activeByScope(h);
        return lines.lines().stream().map(line -> new OverviewPage.NumberTally(line.id(), line.number().name(),
                active.getOrDefault(line.scope(), 0L), parts.conversations().startedSince(h, line.scope(), since)))
                .toList();
    }

    /** The number {@code ?number=} names; null for any number, or one not served here. */
    static Line number(Switchboard lines, String phoneNumberId) {
        return phoneNumberId == null || phoneNumberId.isBlank() ? null : lines.line(phoneNumberId.strip()).orElse(null);
    }

    /** {@code GET /console/conversations?q=&number=&status=&from=&to=&after=|before=}. */
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
        var line = number(lines, ctx.queryParam("number"));
        var scope = line == null ? null : line.scope();
        var number = line == null ? null : line.id();
        var form = new ConversationsPage.Form(q, number, status, from, to, problem);
        var filter = new ConversationList.Filter(status, person, from == null ? null : show.startOf(from),
                to == null ? null : show.startOf(to.plusDays(1)), scope);
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
            return new ConversationPage.View(c, lines.lineOf(c.userKey()), session, said, told, p.sessions().answers(h, id),
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

    /** {@code value} when it is one of {@code allowed}; null otherwise, which narrows nothing. */
    static String oneOf(String value, java.util.List<String> allowed) {
        return value != null && allowed.contains(value) ? value : null;
    }

    static LocalDate date(String value) {
        return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
    }

}
