package wabot.console;

import java.time.LocalDate;
import java.util.stream.Collectors;
import wabot.numbers.Switchboard;
import wabot.web.Html;

/** The export form: a date range, a status and a number, then CSV for spreadsheets or JSON Lines for programs. */
final class ExportPage {
    private final Switchboard lines;
    private final Show show;

    ExportPage(Switchboard lines, Show show) {
        this.lines = lines;
        this.show = show;
    }

    String body(LocalDate from, LocalDate to, String status, String number, String problem) {
        var out = new StringBuilder(4096);
        out.append("<div class=\"heading\"><h1>Export answers</h1></div>");
        if (problem != null) {
            out.append("<p class=\"notice warn\" role=\"alert\">").append(Html.escape(problem)).append("</p>");
        }
        out.append("<form class=\"card export\" method=\"get\" action=\"/console/export.csv\">")
                .append("<p>One row per submission to your API, one column per question. Dates are when the answers")
                .append(" were submitted, in ").append(Html.escape(show.zone().getId())).append(".</p>")
                .append("<div class=\"row\"><label>From<input type=\"date\" name=\"from\" id=\"export-from\" required value=\"")
                .append(from).append("\"></label><label>To (included)<input type=\"date\" name=\"to\" id=\"export-to\" required value=\"")
                .append(to).append("\"></label><label>Status<select name=\"status\" id=\"export-status\">");
        option(out, "", "Any", status);
        option(out, "done", "Delivered to your API", status);
        option(out, "failed", "Failed", status);
        option(out, "pending", "Pending", status);
        out.append("</select></label>");
        if (lines.several()) {
            out.append("<label>Number<select name=\"number\" id=\"export-number\">");
            option(out, "", "Any", number);
            lines.lines().forEach(line -> option(out, line.id(), Html.escape(line.number().name()), number));
            out.append("</select></label>");
        }
        out.append("</div><div class=\"actions\">")
                .append("<button type=\"submit\" id=\"download-csv\">Download CSV</button>")
                .append("<button type=\"submit\" class=\"quiet\" id=\"download-jsonl\" formaction=\"/console/export.jsonl\">")
                .append("Download JSON Lines</button></div><p class=\"muted\">The CSV opens in Excel with accents intact;")
                .append(" cells that begin with = + - or @ get a leading apostrophe so a spreadsheet never runs them.")
                .append(" JSON Lines keeps every value as your API received it. Columns: ")
                .append(Html.escape(lines.lines().stream().flatMap(line -> line.flow().questions().stream())
                        .map(q -> q.id()).distinct().collect(Collectors.joining(", "))))
                .append(", then any question your API added.</p></form>");
        return out.toString();
    }

    private static void option(StringBuilder out, String value, String label, String current) {
        out.append("<option value=\"").append(value).append('"')
                .append(value.equals(current == null ? "" : current) ? " selected" : "").append('>').append(label)
                .append("</option>");
    }
}
