package wabotbench;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resource figures over the measured window: the bot's CPU (all its instances together, and per thread group), its
 * RSS (each instance sampled every 250 ms; the largest is reported), the database server's CPU (PostgreSQL: the
 * postmaster and every backend), and this tool's own CPU, so that they can be told apart on a shared machine.
 */
final class Sampler implements AutoCloseable {
    private final List<Long> pids;
    private final long dbPid;
    private final long self = ProcessHandle.current().pid();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "bench-sampler");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong maxRssKb = new AtomicLong(-1);
    private volatile boolean inWindow;
    private long wall0;
    private long wall1;
    private double cpu0;
    private double cpu1;
    private double db0;
    private double db1;
    private double self0;
    private double self1;
    private double machine0;
    private double machine1;
    private String load = "?";
    private Map<String, Double> threads0 = Map.of();
    private Map<String, Double> threads1 = Map.of();

    /** @param pids the bot's processes (none for a bot started elsewhere); @param dbPid the database server, or -1 */
    Sampler(List<Long> pids, long dbPid) {
        this.pids = pids;
        this.dbPid = dbPid;
        if (!pids.isEmpty()) {
            timer.scheduleAtFixedRate(() -> {
                if (inWindow) {
                    pids.forEach(pid -> maxRssKb.accumulateAndGet(Proc.statusKb(pid, "VmRSS"), Math::max));
                }
            }, 250, 250, TimeUnit.MILLISECONDS);
        }
    }

    void start() {
        cpu0 = botCpu();
        threads0 = threads();
        db0 = dbPid > 0 ? Proc.treeCpuSeconds(dbPid) : 0;
        self0 = Proc.cpuSeconds(self);
        machine0 = Proc.machineBusySeconds();
        wall0 = System.nanoTime();
        inWindow = true;
    }

    void end() {
        wall1 = System.nanoTime();
        inWindow = false;
        self1 = Proc.cpuSeconds(self);
        machine1 = Proc.machineBusySeconds();
        load = Proc.loadAverage();
        cpu1 = botCpu();
        threads1 = threads();
        db1 = dbPid > 0 ? Proc.treeCpuSeconds(dbPid) : 0;
        pids.forEach(pid -> maxRssKb.accumulateAndGet(Proc.statusKb(pid, "VmRSS"), Math::max));
    }

    double seconds() {
        return (wall1 - wall0) / 1e9;
    }

    private double botCpu() {
        return pids.stream().mapToDouble(Proc::cpuSeconds).sum();
    }

    private Map<String, Double> threads() {
        var merged = new HashMap<String, Double>();
        pids.forEach(pid -> Proc.threadCpu(pid).forEach((name, cpu) -> merged.merge(name, cpu, Double::sum)));
        return merged;
    }

    Json result() {
        double secs = seconds();
        var json = Json.object().put("window_s", secs)
                .put("tool_cpu_s", self1 - self0).put("tool_cpu_cores", (self1 - self0) / secs)
                .put("machine_busy_cores", (machine1 - machine0) / secs).put("loadavg_at_end", load);
        double db = db1 - db0;
        if (dbPid > 0) {
            json.put("db_cpu_s", db).put("db_cpu_cores", db / secs);
        }
        if (!pids.isEmpty()) {
            json.put("wabot_cpu_s", cpu1 - cpu0).put("wabot_cpu_cores", (cpu1 - cpu0) / secs)
                    .put("wabot_rss_max_mb", maxRssKb.get() / 1024.0)
                    .put("wabot_rss_peak_hwm_mb", pids.stream().mapToLong(pid -> Proc.statusKb(pid, "VmHWM"))
                            .max().orElse(-1) / 1024.0);
            var delta = new HashMap<String, Double>();
            threads1.forEach((name, cpu) -> delta.put(name, cpu - threads0.getOrDefault(name, 0.0)));
            var top = new LinkedHashMap<String, Object>();
            delta.entrySet().stream().filter(e -> e.getValue() > 0.005)
                    .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())).limit(15)
                    .forEach(e -> top.put(e.getKey(), Math.round(e.getValue() / secs * 1000) / 1000.0));
            json.put("wabot_threads_cpu_cores", top);
            // Whatever else ran on the machine meanwhile (other builds, tests): a noisy neighbour skews every figure.
            json.put("other_processes_cores",
                    Math.max(0, (machine1 - machine0 - (cpu1 - cpu0) - db - (self1 - self0)) / secs));
        }
        return json;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
