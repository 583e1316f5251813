package wabot.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.flow.FlowLoader;
import wabot.store.Database;
import wabot.store.SubmissionStore;
import wabot.testing.FakeExternalApi.Response;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/**
 * The answers export: what Excel needs (a byte order mark, RFC 4180 quoting, formulas defused), one column per
 * question id including those the API added, JSON Lines with the values as posted, filters, and streaming a page
 * at a time.
 */
class ExportTest {
    private static final String ANA = Webhooks.USER_A;
    private static final String BEN = Webhooks.USER_B;

    @TempDir
    Path dir;

    /** Ana answers, the API asks her one more question, then both finish; Ben's answers are made to break a CSV. */
    private Harness conversations() {
        var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).env("TIME_ZONE", "UTC").start();
        h.api().respondWith(call -> ("+" + ANA).equals(call.userPhone()) && !call.answers().containsKey("order")
                ? Response.proceed("One more thing", Response.question("order", "Order number?", true))
                : Response.finish("Thanks"));
        h.exchange(ANA, "Hola", 1);
        h.exchange(ANA, "José Ñúñez", 1);
        h.exchange(ANA, "jose@example.com", 1);
        h.exchange(ANA, "omitir", 3);
        h.exchange(ANA, "A-1001", 2);
        h.exchange(BEN, "Hola", 1);
        h.exchange(BEN, "=HYPERLINK(\"http://evil.example\",\"click\")", 1);
        h.exchange(BEN, "ben,carter@example.com", 1);
        h.exchange(BEN, "He said \"hi\"\nthen left", 2);
        h.awaitSettled(ANA);
        h.awaitSettled(BEN);
        return h;
    }

    @Test
    void theCsvOpensInExcelWithAccentsQuotingAndNoFormulas() throws Exception {
        try (var h = conversations()) {
            var today = LocalDate.now(ZoneOffset.UTC);
            var response = download(h, "/console/export.csv?from=" + today + "&to=" + today);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
            assertThat(response.headers().firstValue("Content-Disposition"))
                    .hasValue("attachment; filename=\"wabot-answers-" + today + "-to-" + today + ".csv\"");
            var bytes = response.body();
            assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
            var text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
            assertThat(text).contains("\r\n").contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"");
            var rows = parse(text);
            assertThat(rows.get(0)).containsExactly("submission_id", "conversation_id", "status", "started_at",
                    "submitted_at", "completed_at", "user_phone", "user_id", "attempts", "error",
                    "name", "email", "comment", "order");
            assertThat(rows).hasSize(4);
            var byPhone = rows.subList(1, 4).stream().map(r -> r.get(6) + " " + r.get(10) + " | " + r.get(11)
                    + " | " + r.get(12) + " | " + r.get(13) + " | " + r.get(2)).toList();
            assertThat(byPhone).containsExactlyInAnyOrder(
                    "'+" + ANA + " José Ñúñez | jose@example.com |  |  | done",
                    "'+" + ANA + " José Ñúñez | jose@example.com |  | A-1001 | done",
                    "'+" + BEN + " '=HYPERLINK(\"http://evil.example\",\"click\") | ben,carter@example.com"
                            + " | He said \"hi\"\nthen left |  | done");
            assertThat(rows.get(1).get(4)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        }
    }

    @Test
    void jsonLinesKeepEveryValueAsPostedAndTheFiltersNarrow() throws Exception {
        try (var h = conversations()) {
            var today = LocalDate.now(ZoneOffset.UTC);
            var response = download(h, "/console/export.jsonl?from=" + today + "&to=" + today + "&status=done");

            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/jsonl; charset=utf-8");
            var lines = new String(response.body(), StandardCharsets.UTF_8).split("\n");
            assertThat(lines).hasSize(3);
            var json = new ObjectMapper();
            var ben = json.readTree(List.of(lines).stream().filter(l -> l.contains(BEN)).findFirst().orElseThrow());
            assertThat(ben.path("answers").path("name").asText()).isEqualTo("=HYPERLINK(\"http://evil.example\",\"click\")");
            assertThat(ben.path("user_phone").asText()).isEqualTo("+" + BEN);
            assertThat(Instant.parse(ben.path("submitted_at").asText())).isBeforeOrEqualTo(Instant.now());
            assertThat(ben.path("status").asText()).isEqualTo("done");

            assertThat(download(h, "/console/export.jsonl?from=" + today + "&to=" + today + "&status=failed").body())
                    .isEmpty();
            var yesterday = today.minusDays(1);
            var none = new String(download(h, "/console/export.csv?from=" + yesterday + "&to=" + yesterday).body(),
                    StandardCharsets.UTF_8);
            assertThat(none.lines().count()).as("the header only").isEqualTo(1);
            assertThat(download(h, "/console/export.csv?from=" + today + "&to=" + yesterday).statusCode()).isEqualTo(400);
        }
    }

    @Test
    void aLargeExportIsReadWrittenAndFlushedAPageAtATime() throws IOException {
        try (var db = Database.open("jdbc:sqlite:" + dir.resolve("export.db"))) {
            var submissions = new SubmissionStore();
            var t0 = Instant.parse("2026-03-01T10:00:00Z");
            db.write(h -> {
                for (int i = 0; i < 95; i++) {
                    submissions.create(h, "s" + i, "1555" + i, "c" + i,
                            "{\"user_phone\":\"+1555" + i + "\",\"answers\":{\"name\":\"P" + i + "\",\"extra" + (i % 3)
                                    + "\":\"x\"}}", t0.plusSeconds(i / 2));
                }
                return null;
            });
            var export = new AnswersExport(db, submissions,
                    wabot.testing.Switchboards.single(FlowLoader.parse(Flows.SHORT_YAML, "f.yaml")), ZoneOffset.UTC, 10);
            var filter = new AnswersExport.Filter(t0, t0.plusSeconds(3600), null);

            var csv = new Flushes();
            export.csv(filter, csv);
            var jsonl = new Flushes();
            export.jsonLines(filter, jsonl);

            // Every page is flushed before the next one is read: no flush carries more than one page of rows.
            assertThat(csv.rowsPerFlush()).hasSizeGreaterThanOrEqualTo(10).allSatisfy(rows -> assertThat(rows).isLessThanOrEqualTo(10));
            assertThat(csv.rowsPerFlush().stream().mapToInt(Integer::intValue).sum()).isEqualTo(95 + 1);
            assertThat(csv.text().lines().findFirst().orElseThrow()).endsWith("name,email,comment,extra0,extra1,extra2");
            assertThat(jsonl.rowsPerFlush()).hasSizeGreaterThanOrEqualTo(10).allSatisfy(rows -> assertThat(rows).isLessThanOrEqualTo(10));
            assertThat(jsonl.text().lines()).hasSize(95).doesNotHaveDuplicates();
        }
    }

    /** Records how many lines reached it between flushes. */
    private static final class Flushes extends FilterOutputStream {
        private final List<Integer> perFlush = new ArrayList<>();
        private int lines;

        Flushes() {
            super(new ByteArrayOutputStream());
        }

        @Override
        public void write(int b) throws IOException {
            super.write(b);
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        @Override
        public void flush() throws IOException {
            super.flush();
            if (lines > 0) {
                perFlush.add(lines);
                lines = 0;
            }
        }

        List<Integer> rowsPerFlush() {
            return perFlush;
        }

        String text() {
            return ((ByteArrayOutputStream) out).toString(StandardCharsets.UTF_8);
        }
    }

    private static HttpResponse<byte[]> download(Harness h, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.port() + path))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** RFC 4180 rows: quoted cells may hold commas, doubled quotes and line breaks. */
    static List<List<String>> parse(String csv) {
        var rows = new ArrayList<List<String>>();
        var row = new ArrayList<String>();
        var cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
