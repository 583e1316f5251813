package wabot.alerts;

import java.net.URI;
import java.time.Duration;

/**
 * When wabot raises an alert, and where it sends it besides the log.
 *
 * @param webhook                  {@code ALERT_WEBHOOK_URL}: a Slack, Teams or any JSON webhook; null for the log only
 * @param checkEvery               {@code ALERT_CHECK_INTERVAL}: how often the conditions are read
 * @param window                   {@code ALERT_WINDOW}: the span over which shares of failures are taken
 * @param minEvents                {@code ALERT_MIN_EVENTS}: replies or submissions a window needs before a share counts
 * @param failedRepliesPercent     {@code ALERT_FAILED_REPLIES_PERCENT}
 * @param failedSubmissionsPercent {@code ALERT_FAILED_SUBMISSIONS_PERCENT}
 * @param circuitOpenFor           {@code ALERT_CIRCUIT_OPEN_AFTER}: how long the business API's circuit may stay open
 * @param outboxAge                {@code ALERT_OUTBOX_AGE}: how old the oldest reply waiting to be sent may get
 */
public record AlertSettings(URI webhook, Duration checkEvery, Duration window, int minEvents,
                            int failedRepliesPercent, int failedSubmissionsPercent, Duration circuitOpenFor,
                            Duration outboxAge) {}
