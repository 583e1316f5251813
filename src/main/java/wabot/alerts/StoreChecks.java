package wabot.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import wabot.store.Backlog;

/** The alerts read from the submissions and the outbox backlog. */
final class StoreChecks {
    private StoreChecks() {}

    static Observation submissions(List<String> latestStatuses, AlertSettings settings) {
        int total = 0;
        int failed = 0;
        for (var status : latestStatuses) {
            if ("done".equals(status) || "failed".equals(status)) {
                total++;
                failed += "failed".equals(status) ? 1 : 0;
            }
        }
        return Share.judge(Alert.SUBMISSIONS_FAILING, "submissions", failed, total,
                settings.failedSubmissionsPercent(), settings.minEvents(), settings.window(),
                "People whose submission failed got the apology; their answers stay stored with the error, and the"
                        + " console can retry each failed submission with the same Idempotency-Key.");
    }

    static Observation outbox(Backlog.Pending pending, Instant now, Duration allowed) {
        if (pending.oldest() == null) {
            return Observation.clear(Alert.OUTBOX_STUCK, "No reply is waiting to be sent");
        }
        var age = Duration.between(pending.oldest(), now);
        if (age.compareTo(allowed) < 0) {
            return Observation.clear(Alert.OUTBOX_STUCK, "The oldest reply waiting to be sent is "
                    + Durations.words(age) + " old (" + pending.count() + " waiting)");
        }
        return Observation.firing(Alert.OUTBOX_STUCK, "The oldest reply waiting to be sent is " + Durations.words(age)
                        + " old (" + pending.count() + " waiting); the threshold is " + Durations.words(allowed),
                "A reply waits while WhatsApp answers with errors that are retried (throughput or pair limits, Meta"
                        + " unavailable, network errors) or while sends fall behind. The console shows each reply's"
                        + " last error, and can cancel one.");
    }
}
