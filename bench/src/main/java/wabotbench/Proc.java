package wabotbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** What Linux's /proc and jcmd say about a process: CPU ticks, RSS, per-thread CPU and the Java heap. */
final class Proc {
    /** USER_HZ: /proc reports CPU in ticks of 1/100 s on Linux (getconf CLK_TCK). */
    static final double TICKS_PER_SECOND = 100.0;
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern HEAP_USED = Pattern.compile("(?:total|committed) (\\d+)K, used (\\d+)K");

    private Proc() {}

    /** User + system CPU of the whole process, in seconds; -1 when unreadable. */
    static double cpuSeconds(long pid) {
        var fields = statFields(Path.of("/proc", Long.toString(pid), "stat"));
        return fields == null ? -1 : (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /**
     * CPU of a server and all its children, in seconds: the process itself, its children that ended (which the
     * kernel adds to it once it reaps them), and those still running. Read at the start and the end of a window, a
     * child that ends in between is counted once, whole; PostgreSQL's backends and workers are such children.
     */
    static double treeCpuSeconds(long pid) {
        var fields = statFields(Path.of("/proc", Long.toString(pid), "stat"));
        if (fields == null) {
            return -1;
        }
        long ticks = 0;
        for (int i = 11; i <= 14; i++) { // utime, stime, cutime, cstime
            ticks += Long.parseLong(fields[i]);
        }
        double children = ProcessHandle.of(pid).map(p -> p.descendants().mapToDouble(d -> Math.max(0,
                cpuSeconds(d.pid()))).sum()).orElse(0.0);
        return ticks / TICKS_PER_SECOND + children;
    }

    /** Busy CPU of the whole machine (all processes), in seconds, from /proc/stat; -1 when unreadable. */
    static double machineBusySeconds() {
        try {
            var f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    /** The nice value of a process (0 unless BENCH_NICE raised it). */
    static int nice(long pid) {
        var fields = statFields(Path.of("/proc", Long.toString(pid), "stat"));
        return fields == null ? 0 : Integer.parseInt(fields[16]);
    }

    /** A field of /proc/PID/status in kB (VmRSS, VmHWM); -1 when unreadable. */
    static long statusKb(long pid, String field) {
        try {
            for (var line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** CPU seconds per thread group: thread names with their numbers replaced by '#', summed. */
    static Map<String, Double> threadCpu(long pid) {
        var groups = new HashMap<String, Double>();
        var tasks = Path.of("/proc", Long.toString(pid), "task");
        try (var list = Files.list(tasks)) {
            for (var task : (Iterable<Path>) list::iterator) {
                String name;
                try {
                    name = Files.readString(task.resolve("comm")).strip();
                } catch (IOException gone) {
                    continue;
                }
                var fields = statFields(task.resolve("stat"));
                if (fields == null) {
                    continue;
                }
                double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
                groups.merge(DIGITS.matcher(name).replaceAll("#"), cpu, Double::sum);
            }
        } catch (IOException e) {
            return Map.of();
        }
        return groups;
    }

    /** Fields after the ")" of a stat line: index 0 is the state, 11 utime, 12 stime. */
    private static String[] statFields(Path stat) {
        try {
            var text = Files.readString(stat);
            return text.substring(text.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Java heap (used, committed) in MB from {@code jcmd PID GC.heap_info}; null when jcmd fails. */
    static long[] heapMb(Path jcmd, long pid) {
        if (jcmd == null || !Files.isExecutable(jcmd)) {
            return null;
        }
        try {
            var process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info")
                    .redirectErrorStream(true).start();
            var out = new String(process.getInputStream().readAllBytes());
            process.waitFor(20, TimeUnit.SECONDS);
            var m = HEAP_USED.matcher(out);
            if (m.find()) {
                return new long[] {Long.parseLong(m.group(2)) / 1024, Long.parseLong(m.group(1)) / 1024};
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** Runs jcmd with arguments and returns its output (for JFR.start / JFR.stop). */
    static String jcmd(Path jcmd, long pid, String... args) {
        var command = new ArrayList<String>(List.of(jcmd.toString(), Long.toString(pid)));
        command.addAll(List.of(args));
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            var out = new String(process.getInputStream().readAllBytes());
            process.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
