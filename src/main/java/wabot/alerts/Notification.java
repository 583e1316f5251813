package wabot.alerts;

import java.time.Instant;

/**
 * One alert starting or ending, as people are told: in the log, and on the alert webhook.
 *
 * @param firing     true when the condition starts, false when it clears
 * @param startedAt  when it started firing
 * @param resolvedAt when it cleared; null while firing
 * @param instance   the wabot that noticed, {@code host:port}
 */
record Notification(Alert alert, boolean firing, String summary, String details, Instant startedAt,
                    Instant resolvedAt, String instance) {

    String state() {
        return firing ? "firing" : "resolved";
    }

    /** The one line for the log and for chat notifications. */
    String line() {
        return (firing ? "FIRING " : "RESOLVED ") + alert.id() + " (" + alert.severity() + ") on " + instance + ": "
                + summary + (details == null ? "" : ". " + details);
    }
}
