package wabot.console;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import wabot.numbers.Switchboard;

/** The export: its form, and the CSV and JSON Lines downloads, streamed as they are read. */
final class ExportRoutes {
    private final Frame frame;
    private final Show show;
    private final ExportPage exportPage;
    private final AnswersExport export;
    private final Switchboard lines;

    ExportRoutes(Frame frame, Show show, ExportPage exportPage, AnswersExport export, Switchboard lines) {
        this.frame = frame;
        this.lines = lines;
        this.show = show;
        this.exportPage = exportPage;
        this.export = export;
    }

    /** {@code GET /console/export}: the form, over the last 30 days by default. */
    void exportForm(Context ctx) {
        var today = show.today();
        ctx.html(frame.page(ctx, Frame.Section.EXPORT, "Export",
                exportPage.body(today.minusDays(29), today, ctx.queryParam("status"), ctx.queryParam("number"), null), 0));
    }

    /** {@code GET /console/export.csv|.jsonl?from=&to=&status=}: streamed, a page at a time. */
    void download(Context ctx, boolean csv) throws IOException {
        LocalDate from;
        LocalDate to;
        try {
            from = ConsoleRoutes.date(ctx.queryParam("from"));
            to = ConsoleRoutes.date(ctx.queryParam("to"));
        } catch (DateTimeParseException e) {
            from = null;
            to = null;
        }
        var status = ConsoleRoutes.oneOf(ctx.queryParam("status"), List.of("done", "failed", "pending"));
        var number = ConsoleRoutes.number(lines, ctx.queryParam("number"));
        if (from == null || to == null || to.isBefore(from)) {
            ctx.status(HttpStatus.BAD_REQUEST).html(frame.page(ctx, Frame.Section.EXPORT, "Export",
                    exportPage.body(show.today().minusDays(29), show.today(), status, ctx.queryParam("number"),
                            "Choose a start and an end date, the end on or after the start."), 0));
            return;
        }
        var filter = new AnswersExport.Filter(show.startOf(from), show.startOf(to.plusDays(1)), status, number);
        var name = "wabot-answers-" + from + "-to-" + to + (status == null ? "" : "-" + status)
                + (number == null ? "" : "-" + number.id()) + (csv ? ".csv" : ".jsonl");
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
}
