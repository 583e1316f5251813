package wabot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.store.ConversationList.Cursor;
import wabot.store.ConversationList.Filter;

/**
 * Every way of narrowing the conversation list, on every page (first, older, newer), reads an index in the list's
 * order, as SQLite's own plan says: nothing is sorted, and nothing is scanned but the index range the page needs.
 * A person's few conversations are the one case that is sorted: reading both of their indexes and sorting a
 * handful of rows is cheaper than any ordered scan.
 */
class ConversationListPlanTest {
    private static final Instant DAY = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void everyFilterOnEveryPageReadsItsIndexInOrder() {
        var list = new ConversationList();
        var cursors = Arrays.asList(null, new Cursor(DAY.toEpochMilli(), 5, false), new Cursor(DAY.toEpochMilli(), 5, true));
        try (var db = Database.open("jdbc:sqlite:" + dir.resolve("wabot.db"))) {
            var checked = new ArrayList<String>();
            for (var filter : List.of(Filter.ALL, new Filter(null, null, DAY, DAY.plusSeconds(86_400)),
                    new Filter("active", null, null, null), new Filter("finished", null, DAY, null))) {
                for (var cursor : cursors) {
                    var plan = db.read(h -> list.plan(h, filter, cursor));
                    var expected = filter.status() != null ? "conversations_status" : "conversations_started";
                    assertThat(plan).as(filter + " at " + cursor).first().asString()
                            .matches("(SEARCH|SCAN) c USING INDEX " + expected + "\\b.*");
                    assertThat(plan).as(filter + " at " + cursor).noneMatch(step -> step.contains("TEMP B-TREE"))
                            .noneMatch(step -> step.matches("SCAN c( |$)(?!USING INDEX).*"));
                    if (cursor != null || filter.from() != null || filter.status() != null) {
                        assertThat(plan.get(0)).as("a range, not a walk from one end").startsWith("SEARCH c");
                    }
                    checked.add(filter + " at " + cursor);
                }
            }
            for (var filter : List.of(new Filter(null, "5491155550000", null, null),
                    new Filter("finished", "5491155550000", DAY, DAY.plusSeconds(86_400)))) {
                for (var cursor : cursors) {
                    var plan = db.read(h -> list.plan(h, filter, cursor));
                    assertThat(plan).as(filter + " at " + cursor)
                            .anyMatch(step -> step.startsWith("SEARCH c USING INDEX conversations_wa_id (wa_id=?"))
                            .anyMatch(step -> step.startsWith("SEARCH c USING INDEX conversations_user_id (user_id=?"))
                            .noneMatch(step -> step.contains("conversations_status") || step.contains("conversations_started")
                                    || step.contains("conversations_number"));
                    checked.add(filter + " at " + cursor);
                }
            }
            // One number's conversations, alone or narrowed further, read that number's index in the list's order.
            for (var filter : List.of(new Filter(null, null, null, null, "106540352242922"),
                    new Filter("finished", null, DAY, DAY.plusSeconds(86_400), "106540352242922"),
                    new Filter(null, null, null, null, ""))) {
                for (var cursor : cursors) {
                    var plan = db.read(h -> list.plan(h, filter, cursor));
                    assertThat(plan).as(filter + " at " + cursor).first().asString()
                            .startsWith("SEARCH c USING INDEX conversations_number (number_scope=?");
                    assertThat(plan).as(filter + " at " + cursor).noneMatch(step -> step.contains("TEMP B-TREE"));
                    checked.add(filter + " at " + cursor);
                }
            }
            assertThat(checked).hasSize(27);
        }
    }

    @Test
    void theOverviewsCountsReadTheirIndexRanges() {
        try (var db = Database.open("jdbc:sqlite:" + dir.resolve("wabot.db"))) {
            var plans = db.read(h -> java.util.Map.of(
                    "active", plan(h, ConversationStore.ACTIVE),
                    "started", plan(h, ConversationStore.STARTED),
                    "ended", plan(h, ConversationStore.ENDED)));
            assertThat(plans.get("active")).singleElement().asString()
                    .startsWith("SEARCH conversations USING COVERING INDEX conversations_");
            assertThat(plans.get("started")).singleElement().asString()
                    .isEqualTo("SEARCH conversations USING COVERING INDEX conversations_started (started_at>?)");
            assertThat(plans.get("ended")).first().asString()
                    .isEqualTo("SEARCH conversations USING COVERING INDEX conversations_ended (ended_at>?)");
        }
    }

    private static List<String> plan(org.jdbi.v3.core.Handle h, String sql) {
        var query = h.createQuery("EXPLAIN QUERY PLAN " + sql);
        if (sql.contains(":since")) {
            query.bind("since", 0L);
        }
        return query.map((rs, ctx) -> rs.getString("detail")).list();
    }
}
