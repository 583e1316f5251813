package wabot.console;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import wabot.store.ConversationStore;
import wabot.web.Html;

/** How the console writes times, people and statuses, in the operator's time zone ({@code TIME_ZONE}). */
final class Show {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm:ss z", Locale.ENGLISH);

    private final ZoneId zone;
    private final java.time.Clock clock;

    Show(ZoneId zone, java.time.Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    ZoneId zone() {
        return zone;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** "Today, 14:05", "Mon 3 Mar, 14:05" this year, "3 Mar 2025, 14:05" before; the full time on hover. */
    String when(Instant at) {
        if (at == null) {
            return "<span class=\"muted\">—</span>";
        }
        var local = at.atZone(zone);
        var today = today();
        String text;
        if (local.toLocalDate().equals(today)) {
            text = "Today, " + CLOCK.format(local);
        } else if (local.toLocalDate().equals(today.minusDays(1))) {
            text = "Yesterday, " + CLOCK.format(local);
        } else if (local.getYear() == today.getYear()) {
            text = DAY.format(local) + ", " + CLOCK.format(local);
        } else {
            text = DAY_YEAR.format(local) + ", " + CLOCK.format(local);
        }
        return "<time datetime=\"" + at + "\" title=\"" + Html.escape(FULL.format(local)) + "\">" + text + "</time>";
    }

    /** The time of day only, for a chat bubble: the day is on the separator above it. */
    String clock(Instant at) {
        var local = at.atZone(zone);
        return "<time datetime=\"" + at + "\" title=\"" + Html.escape(FULL.format(local)) + "\">" + CLOCK.format(local)
                + "</time>";
    }

    /** A day separator in a transcript: "Today", "Yesterday", "Monday 3 March 2026". */
    String day(Instant at) {
        var date = at.atZone(zone).toLocalDate();
        if (date.equals(today())) {
            return "Today";
        }
        if (date.equals(today().minusDays(1))) {
            return "Yesterday";
        }
        return DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH).format(date);
    }

    /** "Sun 29 Nov": the day an instant falls on. */
    String dayOf(Instant at) {
        return DAY.format(at.atZone(zone));
    }

    LocalDate date(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    /** "3 min", "2 h 5 min": how old something is. */
    static String age(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + " min";
        }
        long h = m / 60;
        if (h < 48) {
            return h + " h" + (m % 60 == 0 ? "" : " " + m % 60 + " min");
        }
        return h / 24 + " days";
    }

    /** The person: their WhatsApp name when known, and their number or user id. */
    static String person(ConversationStore.Row row) {
        var name = row.name() == null || row.name().isBlank() ? "No name shared" : row.name();
        return "<span class=\"person\"><strong" + (row.name() == null ? " class=\"muted\"" : "") + ">"
                + Html.escape(name) + "</strong><small>" + Html.escape(contact(row)) + "</small></span>";
    }

    static String contact(ConversationStore.Row row) {
        if (row.waId() != null) {
            return "+" + row.waId() + (row.userId() == null ? "" : " · " + row.userId());
        }
        return row.userId() != null ? row.userId() : wabot.numbers.UserKey.person(row.userKey());
    }

    /** A conversation's status as a coloured label. */
    static String status(String status) {
        return pill(status, statusLabel(status));
    }

    static String pill(String kind, String label) {
        return "<span class=\"pill " + Html.escape(kind) + "\">" + Html.escape(label) + "</span>";
    }

    static String statusLabel(String status) {
        switch (status) {
            case "active": return "Active";
            case "finished": return "Finished";
            case "failed": return "API failed";
            case "cancelled": return "Cancelled";
            case "abandoned": return "Abandoned";
            case "restarted": return "Restarted";
            case "reset": return "Reset";
            case "ended": return "Ended";
            case "done": return "Delivered";
            case "pending": return "Pending";
            default: return status;
        }
    }

    static String number(long n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }
}
