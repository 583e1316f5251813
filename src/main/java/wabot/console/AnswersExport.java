package wabot.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import wabot.numbers.Line;
import wabot.numbers.Switchboard;
import wabot.store.Database;
import wabot.store.SubmissionStore;

/**
 * The answers, one row per submission, streamed a page at a time: each page is read with a keyset query, written
 * and flushed before the next is read, so an export of a million rows holds one page in memory, as one of ten does.
 * CSV needs its columns before its first row: a first pass over the same pages collects the question ids (the flows'
 * first, in their order, then any others, such as questions your API added, as first seen); only that set is kept.
 * With several numbers, each row says which number the conversation was with.
 */
final class AnswersExport {
    static final int PAGE = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIXED = List.of("submission_id", "conversation_id", "status", "started_at",
            "submitted_at", "completed_at", "user_phone", "user_id", "attempts", "error");
    /** With several numbers, the columns that say which number a row's conversation was with. */
    private static final List<String> NUMBER = List.of("phone_number_id", "number");
    private static final DateTimeFormatter SPREADSHEET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Which submissions: created in [from, until), with {@code status} unless null, of one number unless null. */
    record Filter(Instant from, Instant until, String status, Line number) {
        Filter(Instant from, Instant until, String status) {
            this(from, until, status, null);
        }
    }

    private final Database db;
    private final SubmissionStore submissions;
    private final Switchboard lines;
    private final ZoneId zone;
    private final int pageSize;

    AnswersExport(Database db, SubmissionStore submissions, Switchboard lines, ZoneId zone, int pageSize) {
        this.db = db;
        this.submissions = submissions;
        this.lines = lines;
        this.zone = zone;
        this.pageSize = pageSize;
    }

    /** UTF-8 with a byte order mark, so Excel reads accents right; CRLF line ends; times in {@code TIME_ZONE}. */
    void csv(Filter filter, OutputStream out) throws IOException {
        var writer = writer(out);
        writer.write('\uFEFF');
        writer.flush(); // the response starts now: no proxy sits waiting for headers through the first pass
        var columns = new LinkedHashSet<String>();
        (filter.number() != null ? List.of(filter.number()) : lines.lines())
                .forEach(line -> line.flow().questions().forEach(q -> columns.add(q.id())));
        pages(filter, row -> Payloads.answerIds(row.payload(), columns), () -> { });
        var header = new ArrayList<>(FIXED);
        if (lines.several()) {
            header.addAll(NUMBER);
        }
        header.addAll(columns);
        line(writer, header);
        writer.flush(); // the download starts now, while the rows are read
        pages(filter, row -> {
            var payload = Payloads.read(row.payload());
            var answers = Payloads.answers(payload);
            var cells = new ArrayList<String>(header.size());
            cells.add(row.id());
            cells.add(row.conversationId());
            cells.add(row.status());
            cells.add(local(Payloads.text(payload.get("timestamp"))));
            cells.add(local(row.createdAt().toString()));
            cells.add(row.completedAt() == null ? null : local(row.completedAt().toString()));
            cells.add(Payloads.text(payload.get("user_phone")));
            cells.add(Payloads.text(payload.get("user_id")));
            cells.add(Integer.toString(row.attempts()));
            cells.add("failed".equals(row.status()) ? row.error() : null);
            if (lines.several()) {
                var number = payload.path("number");
                cells.add(Payloads.text(number.get("phone_number_id")));
                cells.add(Payloads.text(number.get("name")));
            }
            columns.forEach(id -> cells.add(Payloads.text(answers.get(id))));
            unchecked(() -> line(writer, cells));
        }, () -> unchecked(writer::flush));
        writer.flush();
    }

    /** One JSON object per line, answers with their JSON types as posted, times in UTC (ISO-8601). */
    void jsonLines(Filter filter, OutputStream out) throws IOException {
        var writer = writer(out);
        pages(filter, row -> {
            var payload = Payloads.read(row.payload());
            ObjectNode line = JSON.createObjectNode()
                    .put("submission_id", row.id())
                    .put("conversation_id", row.conversationId())
                    .put("status", row.status())
                    .put("started_at", Payloads.text(payload.get("timestamp")))
                    .put("submitted_at", row.createdAt().toString())
                    .put("completed_at", row.completedAt() == null ? null : row.completedAt().toString())
                    .put("user_phone", Payloads.text(payload.get("user_phone")))
                    .put("user_id", Payloads.text(payload.get("user_id")))
                    .put("attempts", row.attempts())
                    .put("error", "failed".equals(row.status()) ? row.error() : null);
            if (payload.path("number").isObject()) {
                line.set("number", payload.path("number"));
            }
            line.set("answers", Payloads.answers(payload));
            unchecked(() -> {
                writer.write(line.toString());
                writer.write('\n');
            });
        }, () -> unchecked(writer::flush));
        writer.flush();
    }

    /** Reads every page of {@code filter} in order, handing each row on, and calls {@code afterPage} after each. */
    private void pages(Filter filter, Consumer<SubmissionStore.Stored> each, Runnable afterPage) {
        SubmissionStore.Stored last = null;
        while (true) {
            var after = last;
            var page = db.read(h -> submissions.exportPage(h, filter.from(), filter.until(), filter.status(),
                    filter.number() == null ? null : filter.number().scope(), after, pageSize));
            page.forEach(each);
            afterPage.run();
            if (page.size() < pageSize) {
                return;
            }
            last = page.get(page.size() - 1);
        }
    }

    private static Writer writer(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    }

    private static void line(Writer writer, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(Csv.cell(cells.get(i)));
        }
        writer.write("\r\n");
    }

    private String local(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return SPREADSHEET.format(Instant.parse(iso).atZone(zone));
        } catch (java.time.format.DateTimeParseException e) {
            return iso;
        }
    }

    private interface Io {
        void run() throws IOException;
    }

    private static void unchecked(Io io) {
        try {
            io.run();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
