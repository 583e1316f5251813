package wabotbench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** A latency histogram in microseconds, safe to record from many threads. */
final class Hist {
    private final Histogram h = new ConcurrentHistogram(3_600_000_000L, 3);

    void recordNanos(long nanos) {
        h.recordValue(Math.max(0, Math.min(nanos / 1000, 3_600_000_000L)));
    }

    /** p50, p90, p99, p99.9, max and mean, as a JSON object, from a consistent copy (recording may go on). */
    Json summary() {
        var copy = h.copy();
        long n = copy.getTotalCount();
        return Json.object()
                .put("count", n)
                .put("p50_ms", at(copy, 50)).put("p90_ms", at(copy, 90)).put("p99_ms", at(copy, 99))
                .put("p999_ms", at(copy, 99.9))
                .put("max_ms", n == 0 ? Double.NaN : copy.getMaxValue() / 1000.0)
                .put("mean_ms", n == 0 ? Double.NaN : copy.getMean() / 1000.0);
    }

    private static double at(Histogram copy, double percentile) {
        return copy.getTotalCount() == 0 ? Double.NaN : copy.getValueAtPercentile(percentile) / 1000.0;
    }
}
