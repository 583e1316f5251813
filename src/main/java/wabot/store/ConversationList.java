package wabot.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The conversations, newest first, a page at a time. Pages are keyset pages: each starts after the (started_at, id)
 * of the row before it, so the hundredth page costs what the first does. Every filter has an index that keeps that
 * order (see V4__conversations_and_alerts.sql), so no page sorts or scans more than it shows.
 */
public final class ConversationList {

    /**
     * What to list; null parts do not narrow it.
     *
     * @param status  {@code active} or an ending (finished, failed...)
     * @param person  a phone number (its digits) or a user id, matched exactly
     * @param from    started at or after
     * @param until   started before
     * @param scope   the scope of the number written to ({@code wabot.numbers.UserKey})
     */
    public record Filter(String status, String person, Instant from, Instant until, String scope) {
        public static final Filter ALL = new Filter(null, null, null, null);

        public Filter(String status, String person, Instant from, Instant until) {
            this(status, person, from, until, null);
        }
    }

    /** A place in the list: a row's (started_at, id), and whether to read the newer rows before it. */
    public record Cursor(long startedAt, long id, boolean newer) {
        /** The form a URL carries: {@code 1767225600000.42}. */
        public String token() {
            return startedAt + "." + id;
        }

        /** Parses {@link #token()}; null when it is not one. */
        public static Cursor parse(String token, boolean newer) {
            if (token == null || !token.matches("\\d{1,18}\\.\\d{1,18}")) {
                return null;
            }
            int dot = token.indexOf('.');
            return new Cursor(Long.parseLong(token.substring(0, dot)), Long.parseLong(token.substring(dot + 1)), newer);
        }

        static Cursor of(ConversationStore.Row row, boolean newer) {
            return new Cursor(row.startedAt().toEpochMilli(), row.id(), newer);
        }
    }

    /** One page, newest first, with where the pages on either side begin (null at either end). */
    public record Page(List<ConversationStore.Row> rows, Cursor newer, Cursor older) {}

    public Page page(Handle h, Filter filter, Cursor at, int size) {
        boolean newer = at != null && at.newer();
        var rows = new ArrayList<>(query(h, "", filter, at, size).map((rs, ctx) -> ConversationStore.row(rs)).list());
        boolean more = rows.size() > size;
        if (more) {
            rows.remove(rows.size() - 1);
        }
        if (newer) {
            Collections.reverse(rows);
        }
        if (rows.isEmpty()) {
            return new Page(List.of(), null, null);
        }
        boolean newerExist = newer ? more : at != null;
        boolean olderExist = newer || more;
        return new Page(List.copyOf(rows), newerExist ? Cursor.of(rows.get(0), true) : null,
                olderExist ? Cursor.of(rows.get(rows.size() - 1), false) : null);
    }

    /** SQLite's plan for a page, one line per step: how a test proves each filter reads an index. */
    List<String> plan(Handle h, Filter filter, Cursor at) {
        return query(h, "EXPLAIN QUERY PLAN ", filter, at, 50).map((rs, ctx) -> rs.getString("detail")).list();
    }

    private Query query(Handle h, String prefix, Filter filter, Cursor at, int size) {
        var where = new ArrayList<String>();
        boolean newer = at != null && at.newer();
        // The page's edge is also the tightest bound on started_at: folded into the date range here, so that the
        // index range read starts at the cursor, not at the range's start (a deep page of a date range would read
        // every row before it otherwise). The row value below only settles ties on started_at.
        Long from = filter.from() == null ? null : filter.from().toEpochMilli();
        Long until = filter.until() == null ? null : filter.until().toEpochMilli();
        if (at != null && newer) {
            from = from == null ? at.startedAt() : Math.max(from, at.startedAt());
        } else if (at != null) {
            until = until == null ? at.startedAt() + 1 : Math.min(until, at.startedAt() + 1);
        }
        // A person has few conversations: their index comes first, and the other filters are written as
        // expressions no index matches (|| '', + 0, in SQLite and PostgreSQL alike), so that no planner without
        // statistics walks every finished conversation looking for one person's. A number comes next: its index
        // keeps the list's order within the number. By phone, not by key: a person's key names one number.
        boolean person = filter.person() != null;
        boolean number = !person && filter.scope() != null;
        if (person) {
            where.add("(c.wa_id = :person OR c.user_id = :person)");
        }
        if (filter.scope() != null) {
            where.add(person ? "c.number_scope || '' = :scope" : "c.number_scope = :scope");
        }
        boolean indexed = person || number;
        if (filter.status() != null) {
            where.add(indexed ? "c.status || '' = :status" : "c.status = :status");
        }
        if (from != null) {
            where.add(person ? "c.started_at + 0 >= :from" : "c.started_at >= :from");
        }
        if (until != null) {
            where.add(person ? "c.started_at + 0 < :until" : "c.started_at < :until");
        }
        if (at != null) {
            where.add(newer ? "(c.started_at, c.id) > (:atStarted, :atId)" : "(c.started_at, c.id) < (:atStarted, :atId)");
        }
        var order = newer ? "ASC" : "DESC";
        var sql = prefix + "SELECT " + ConversationStore.COLUMNS + " FROM conversations c"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY c.started_at " + order + ", c.id " + order + " LIMIT :limit";
        var query = h.createQuery(sql).bind("limit", size + 1);
        if (filter.status() != null) {
            query.bind("status", filter.status());
        }
        if (person) {
            query.bind("person", filter.person());
        }
        if (filter.scope() != null) {
            query.bind("scope", filter.scope());
        }
        if (from != null) {
            query.bind("from", from);
        }
        if (until != null) {
            query.bind("until", until);
        }
        if (at != null) {
            query.bind("atStarted", at.startedAt()).bind("atId", at.id());
        }
        return query;
    }
}
