package wabot.fuzz;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts how often each fuzz target ran, independently of libFuzzer's own "#N DONE" line, and reports it on
 * the test output and in {@code target/jazzer/executions/<target>.txt} (one number), where the build and
 * docs/FUZZING.md read it.
 */
public final class Executions {
    private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> STRUCTURED = new ConcurrentHashMap<>();
    private static final Map<String, Long> STARTED = new ConcurrentHashMap<>();
    private static final Map<String, Long> CPU_AT_START = new ConcurrentHashMap<>();
    private static final long JVM_START_NANOS =
            System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;

    private Executions() {}

    /** Counts one execution that posted or parsed {@code body}, noting whether the mutator made it. */
    public static void count(String target, FuzzInput.Body body) {
        count(target);
        if (body.structured()) {
            STRUCTURED.computeIfAbsent(target, t -> new AtomicLong()).incrementAndGet();
        }
    }

    public static void count(String target) {
        COUNTS.computeIfAbsent(target, t -> {
            STARTED.put(t, System.nanoTime());
            CPU_AT_START.put(t, cpuNanos());
            return new AtomicLong();
        }).incrementAndGet();
    }

    /** Prints and records the counts of the targets that ran in this JVM. */
    public static void report() {
        var mode = isFuzzing() ? "fuzzing" : "regression (seed inputs only)";
        for (var entry : new TreeMap<>(COUNTS).entrySet()) {
            long runs = entry.getValue().get();
            double seconds = (System.nanoTime() - STARTED.get(entry.getKey())) / 1e9;
            var structured = STRUCTURED.get(entry.getKey());
            System.out.printf("[FUZZ] %s: %d executions%s in %.1f s (%.0f/s), %s; first one %.1f s after JVM start"
                            + " (JVM CPU until then %.1f s, since then %.1f s)%n",
                    entry.getKey(), runs, structured == null ? "" : " (" + structured.get() + " structure-aware)",
                    seconds, runs / Math.max(seconds, 1e-3), mode,
                    (STARTED.get(entry.getKey()) - JVM_START_NANOS) / 1e9, CPU_AT_START.get(entry.getKey()) / 1e9,
                    (cpuNanos() - CPU_AT_START.get(entry.getKey())) / 1e9);
            if (isFuzzing()) {
                try {
                    var dir = Files.createDirectories(Payloads.ROOT.resolve(Path.of("target", "jazzer",
                            "executions")));
                    Files.writeString(dir.resolve(entry.getKey() + ".txt"), runs + "\n", StandardCharsets.UTF_8);
                } catch (IOException e) {
                    System.out.println("[FUZZ] could not record the count: " + e);
                }
            }
        }
        COUNTS.clear();
        STRUCTURED.clear();
        STARTED.clear();
        CPU_AT_START.clear();
    }

    private static long cpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    /** Jazzer's own rule: JAZZER_FUZZ (environment or system property) is true, 1 or yes. */
    public static boolean isFuzzing() {
        return yes(System.getenv("JAZZER_FUZZ")) || yes(System.getProperty("JAZZER_FUZZ"));
    }

    private static boolean yes(String value) {
        return value != null && (value.equalsIgnoreCase("true") || value.equals("1") || value.equalsIgnoreCase("yes"));
    }
}
