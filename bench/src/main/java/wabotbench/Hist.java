package wabotbench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** A latency histogram in microseconds, safe to record from many threads. */
final class Hist {
    private final Histogram h = new ConcurrentHistogram(3_600_000_000L, 3);

    void recordNanos(long nanos) {
        h.recordValue(Math.max(0, Math.min(nanos / 1000, 3_600_000_000L)));
    }

    long count() {
        return h.getTotalCount();
    }

    /** Percentile in milliseconds (NaN when empty). */
    double ms(double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMs() {
        return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0;
    }

    double meanMs() {
        return h.getTotalCount() == 0 ? Double.NaN : h.getMean() / 1000.0;
    }

    /** p50, p90, p99, p99.9, max and mean, as a JSON object. */
    Json summary() {
        return Json.object()
                .put("count", count())
                .put("p50_ms", ms(50)).put("p90_ms", ms(90)).put("p99_ms", ms(99)).put("p999_ms", ms(99.9))
                .put("max_ms", maxMs()).put("mean_ms", meanMs());
    }
}
