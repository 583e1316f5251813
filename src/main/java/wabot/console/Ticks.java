package wabot.console;

import wabot.store.OutboxStore;
import wabot.whatsapp.GraphCodes;

/** A reply's delivery as WhatsApp shows it to the sender: a clock, one tick, two grey ticks, two blue ticks, or a warning. */
final class Ticks {
    /** A small clock, drawn: not every system has an emoji font. */
    private static final String CLOCK = "<svg viewBox=\"0 0 16 16\" width=\"12\" height=\"12\" aria-hidden=\"true\">"
            + "<circle cx=\"8\" cy=\"8\" r=\"6.3\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.6\"/>"
            + "<path d=\"M8 4.6V8l2.4 1.5\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.6\""
            + " stroke-linecap=\"round\"/></svg>";

    private Ticks() {}

    static String of(OutboxStore.Told t) {
        switch (t.status()) {
            case "pending":
                return "<span class=\"ticks pending\" title=\"Waiting to be sent\">" + CLOCK + "</span>";
            case "cancelled":
                return "<span class=\"ticks cancelled\" title=\"Cancelled by an operator: never sent\">⊘</span>";
            case "failed":
                return "<span class=\"ticks failed\" title=\"Not sent\">⚠</span>";
            default:
                break;
        }
        var delivery = t.delivery() == null ? "accepted" : t.delivery();
        switch (delivery) {
            case "failed":
                return "<span class=\"ticks failed\" title=\"Not delivered\">⚠</span>";
            case "delivered":
                return "<span class=\"ticks delivered\" title=\"Delivered\">✓✓</span>";
            case "read":
            case "played":
                return "<span class=\"ticks read\" title=\"Read\">✓✓</span>";
            default:
                return "<span class=\"ticks sent\" title=\"Sent\">✓</span>";
        }
    }

    /** What went wrong, with the code's meaning; or, for a reply still waiting, why it waits. Null when all is well. */
    static String problem(OutboxStore.Told t) {
        if ("cancelled".equals(t.status())) {
            return "Cancelled by an operator: never sent";
        }
        if (t.failed()) {
            var code = t.errorCode();
            return (("failed".equals(t.status()) ? "Not sent" : "Not delivered")) + (code == null ? ""
                    : ": " + code + " — " + GraphCodes.meaning(code));
        }
        if ("pending".equals(t.status()) && t.attempts() > 0) {
            var code = t.errorCode();
            return "Waiting to be sent; " + t.attempts() + (t.attempts() == 1 ? " try" : " tries") + " so far"
                    + (code == null ? (t.errorDetail() == null ? "" : ", last: " + t.errorDetail())
                    : ", last: " + code + " — " + GraphCodes.meaning(code));
        }
        return null;
    }
}
