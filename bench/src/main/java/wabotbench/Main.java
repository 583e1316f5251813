package wabotbench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** {@code bench/run.sh [suite|closed|open|prefill|jfr-top FILE] [options]}: see bench/README.md. */
public final class Main {
    private Main() {}

    /** One load run: closed loop with {@code users}, or open loop at {@code rate} with {@code batch} per POST. */
    record Spec(String name, boolean closed, int users, double rate, int batch, int openUsers) {
        static Spec closed(int users) {
            return new Spec("closed-" + users, true, users, 0, 1, 0);
        }

        static Spec open(double rate, int batch, int users) {
            return new Spec("open-" + (long) rate + "x" + batch, false, 0, rate, batch, users);
        }
    }

    static final class Options {
        String command = "suite";
        String java;
        Path jar;
        String url;
        long pid = -1;
        int fakePort;
        List<Integer> users = List.of(1, 10, 50, 200);
        Double rate;
        int batch = 1;
        int openUsers;
        double warmup = 45;
        double duration = 12;
        double timeout = 5;
        double drain = 15;
        List<String> jvmOpts = List.of();
        boolean jfr;
        String jfrSettings = "profile";
        boolean scale = true;
        boolean scaleOnly;
        long sessions = 1_000_000;
        long answers = 10_000_000;
        Path out;
        long apiDelayMs;
        boolean keep;
        String label;
        List<String> only = List.of();
        String file;
        int top = 25;
        double quietWait;
        int jdkMajor;
    }

    static final String USAGE = """
            usage: bench/run.sh [suite|closed|open|prefill|jfr-top FILE|jmh ...] [options]   (details: bench/README.md)
              suite (default)   closed 1,10,50,200 users + open 2000/s and 10000/s x10, then again on a 1M-session store
              closed            --users 1,10,50,200        open   --rate R --batch B [--open-users N]
              prefill           build/find the cached 1M-session, 10M-answer store
              jfr-top FILE      where the time goes in a JFR recording (--top N)
              jmh [JMH args]    JMH microbenchmarks (ConversationEngine.decide, webhook parse + signature)
            options: --java 17|25|PATH  --jar PATH  --warmup S (45)  --duration S (12)  --timeout S (5)  --drain S (15)
                     --only NAMES  --jvm-opts "..."  --jfr  --no-scale  --scale  --sessions N  --answers N
                     --api-delay-ms N  --url URL [--pid PID] --fake-port N  --quiet-wait S  --out DIR  --label TEXT  --keep
            env: BENCH_NICE=-10 (higher CPU priority for the tool and wabot)""";

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            if (!"help".equals(e.getMessage())) {
                System.err.println("bench: " + e.getMessage());
            }
            System.err.println(USAGE);
            System.exit("help".equals(e.getMessage()) ? 0 : 2);
            return;
        }
        switch (o.command) {
            case "jfr-top" -> JfrTop.print(Path.of(o.file), o.top, System.out);
            case "prefill" -> System.out.println("prefilled store: " + prefilled(o, Target.java(o.java)));
            default -> System.exit(suite(o));
        }
    }

    static Options parse(String[] args) {
        var o = new Options();
        int i = 0;
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            throw new IllegalArgumentException("help");
        }
        if (args.length > 0 && !args[0].startsWith("--")) {
            o.command = args[i++];
            if (o.command.equals("help") || o.command.equals("--help") || o.command.equals("-h")) {
                throw new IllegalArgumentException("help");
            }
            if (!List.of("suite", "closed", "open", "prefill", "jfr-top").contains(o.command)) {
                throw new IllegalArgumentException("unknown command " + o.command);
            }
            if (o.command.equals("jfr-top")) {
                if (i >= args.length) {
                    throw new IllegalArgumentException("jfr-top needs a .jfr file");
                }
                o.file = args[i++];
            }
        }
        for (; i < args.length; i++) {
            var a = args[i];
            switch (a) {
                case "--jfr" -> o.jfr = true;
                case "--no-scale" -> o.scale = false;
                case "--scale" -> o.scaleOnly = true;
                case "--keep" -> o.keep = true;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    var v = args[++i];
                    switch (a) {
                        case "--java" -> o.java = v;
                        case "--jar" -> o.jar = Path.of(v);
                        case "--url" -> o.url = v;
                        case "--pid" -> o.pid = Long.parseLong(v);
                        case "--fake-port" -> o.fakePort = Integer.parseInt(v);
                        case "--users" -> o.users = Arrays.stream(v.split(",")).map(String::trim).map(Integer::parseInt).toList();
                        case "--rate" -> o.rate = Double.parseDouble(v);
                        case "--batch" -> o.batch = Integer.parseInt(v);
                        case "--open-users" -> o.openUsers = Integer.parseInt(v);
                        case "--warmup" -> o.warmup = Double.parseDouble(v);
                        case "--duration" -> o.duration = Double.parseDouble(v);
                        case "--timeout" -> o.timeout = Double.parseDouble(v);
                        case "--drain" -> o.drain = Double.parseDouble(v);
                        case "--jvm-opts" -> o.jvmOpts = v.isBlank() ? List.of() : List.of(v.trim().split("\\s+"));
                        case "--jfr-settings" -> { o.jfrSettings = v; o.jfr = true; }
                        case "--sessions" -> o.sessions = Long.parseLong(v.replace("_", ""));
                        case "--answers" -> o.answers = Long.parseLong(v.replace("_", ""));
                        case "--out" -> o.out = Path.of(v);
                        case "--api-delay-ms" -> o.apiDelayMs = Long.parseLong(v);
                        case "--label" -> o.label = v;
                        case "--only" -> o.only = List.of(v.split(","));
                        case "--top" -> o.top = Integer.parseInt(v);
                        case "--quiet-wait" -> o.quietWait = Double.parseDouble(v);
                        default -> throw new IllegalArgumentException("unknown option " + a);
                    }
                }
            }
        }
        if (o.duration < 1 || o.duration > 600 || o.warmup < 0 || o.warmup > 300) {
            throw new IllegalArgumentException("--duration must be 1..600 s and --warmup 0..300 s");
        }
        if (o.url != null && !o.url.matches("https?://(127\\.\\d+\\.\\d+\\.\\d+|localhost|\\[::1\\])(:\\d+)?/?.*")) {
            throw new IllegalArgumentException("--url must be on loopback (127.x.x.x, localhost or [::1]): the bench "
                    + "never sends load elsewhere");
        }
        return o;
    }

    static List<Spec> specs(Options o) {
        var specs = new ArrayList<Spec>();
        switch (o.command) {
            case "closed" -> o.users.forEach(u -> specs.add(Spec.closed(u)));
            case "open" -> {
                double rate = o.rate == null ? 2000 : o.rate;
                specs.add(Spec.open(rate, o.batch, o.openUsers > 0 ? o.openUsers : defaultOpenUsers(rate)));
            }
            default -> {
                o.users.forEach(u -> specs.add(Spec.closed(u)));
                specs.add(Spec.open(2000, 1, defaultOpenUsers(2000)));
                specs.add(Spec.open(10000, 10, defaultOpenUsers(10000)));
            }
        }
        if (!o.only.isEmpty()) {
            specs.removeIf(s -> !o.only.contains(s.name()));
        }
        return specs;
    }

    /** Enough users that each sends about once every two seconds: replies are rarely queued behind a user's own. */
    static int defaultOpenUsers(double rate) {
        return (int) Math.max(100, Math.min(200_000, rate * 2));
    }

    static int suite(Options o) throws Exception {
        var specs = specs(o);
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no run selected");
        }
        var java = Target.java(o.java);
        var jdk = o.url == null ? Target.version(java) : "target at " + o.url;
        try {
            o.jdkMajor = Integer.parseInt(jdk.replaceAll("(?s).*version \"(\\d+).*", "$1"));
        } catch (NumberFormatException unknown) {
            o.jdkMajor = 0;
        }
        var jar = o.jar != null ? o.jar : Path.of("..", "target", "wabot.jar");
        if (o.url == null && !Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing: build wabot first (bench/run.sh does)");
        }
        var stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        var label = o.label != null ? o.label : o.url == null ? "jdk" + o.jdkMajor : "url";
        var outRoot = o.out != null ? o.out : Path.of("results");
        var dir = outRoot.resolve(stamp + "-" + o.command + "-" + label);
        Files.createDirectories(dir);
        var machine = machine();
        System.out.printf("wabot bench: %s%n  wabot JVM: %s%n  machine: %s%n  results: %s%n", o.command, jdk, machine, dir);

        var results = new ArrayList<Json>();
        var tmp = Files.createTempDirectory("wabot-bench-");
        try (var fakes = new Fakes(o.fakePort)) {
            fakes.apiDelayMs(o.apiDelayMs);
            System.out.printf("  fakes: Graph API %s/v20.0/%s/messages, business API %s/api%n", fakes.baseUrl(),
                    Target.PHONE_NUMBER_ID, fakes.baseUrl());
            boolean runBase = !o.scaleOnly;
            boolean runScale = o.url == null && (o.scaleOnly || (o.command.equals("suite") && o.scale));
            if (runBase) {
                for (var spec : specs) {
                    var runDir = tmp.resolve(spec.name());
                    results.add(guarded(() -> run(o, spec, "", java, jar, runDir.resolve("wabot.db"), dir, fakes), spec, ""));
                    save(results, jdk, machine, o, dir);
                    cleanup(runDir, o.keep);
                }
            }
            if (runScale) {
                var source = prefilled(o, java);
                var scaleDir = tmp.resolve("scale");
                Files.createDirectories(scaleDir);
                var db = scaleDir.resolve("wabot.db");
                System.out.printf("%n  scale: copying the prefilled store (%,d MB)%n", Files.size(source) >> 20);
                Files.copy(source, db, StandardCopyOption.REPLACE_EXISTING);
                for (var spec : specs) {
                    results.add(guarded(() -> run(o, spec, "scale/", java, jar, db, dir, fakes), spec, "scale/"));
                    save(results, jdk, machine, o, dir);
                }
                cleanup(scaleDir, o.keep);
            }
        } finally {
            if (!o.keep) {
                cleanup(tmp, false);
            }
        }
        var report = save(results, jdk, machine, o, dir);
        System.out.println();
        System.out.println(report.table());
        System.out.println("written: " + dir.resolve("results.json") + " and results.md");
        return 0;
    }

    interface RunBody {
        Json run() throws Exception;
    }

    /** A run that fails (wabot does not start, the tool trips) is recorded as failed; the suite goes on. */
    private static Json guarded(RunBody body, Spec spec, String prefix) {
        try {
            return body.run();
        } catch (Exception | Error e) {
            System.out.println("  run failed: " + e);
            e.printStackTrace(System.out);
            return Json.object().put("name", prefix + spec.name()).put("mode", spec.closed() ? "closed" : "open")
                    .put("error", e.toString()).put("turn", Json.object()).put("ack", Json.object())
                    .put("resources", Json.object());
        }
    }

    /** Rewrites results.json and results.md after every run, so an interrupted suite keeps what it measured. */
    private static Report save(List<Json> results, String jdk, String machine, Options o, Path dir) throws IOException {
        var report = new Report(results, jdk, machine, String.join(" ", List.of(argsOf(o))));
        Files.writeString(dir.resolve("results.md"), report.markdown(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.json"), report.json().toString() + "\n", StandardCharsets.UTF_8);
        return report;
    }

    private static String[] argsOf(Options o) {
        return new String[] {o.command, "java=" + (o.java == null ? "default" : o.java),
                "warmup=" + o.warmup + "s", "duration=" + o.duration + "s"};
    }

    static Json run(Options o, Spec spec, String prefix, Path java, Path jar, Path db, Path outDir, Fakes fakes)
            throws Exception {
        var name = prefix + spec.name();
        System.out.printf("%n> %s: %s%n", name, spec.closed()
                ? spec.users() + " users, closed loop"
                : String.format(Locale.ROOT, "%.0f msg/s, %d per POST, %d users, open loop", spec.rate(), spec.batch(), spec.openUsers()));
        waitQuiet(o.quietWait);
        var fileName = name.replace('/', '-');
        Files.createDirectories(db.getParent());
        var log = outDir.resolve(fileName + ".wabot.log");
        Target target = o.url != null ? Target.attach(o.url, o.pid)
                : Target.start(java, o.jvmOpts, jar, db, db.getParent(), log, fakes.baseUrl(), Map.of());
        fakes.resetCounts();
        var webhooks = new Webhooks(Target.SECRET);
        var result = Json.object().put("name", name).put("mode", spec.closed() ? "closed" : "open");
        try (var loader = new Loader(target.url, spec.closed() ? spec.users() * 2 + 8 : 128);
             var sampler = new Sampler(target.pid)) {
            long timeout = (long) (o.timeout * 1e9);
            ClosedLoop closed = null;
            OpenLoop open = null;
            Thread sender = null;
            if (spec.closed()) {
                closed = new ClosedLoop(loader, webhooks, spec.users(), timeout);
                fakes.listen(closed);
                closed.start();
            } else {
                open = new OpenLoop(loader, webhooks, fakes, spec.rate(), spec.batch(), spec.openUsers());
                fakes.listen(open);
                var loop = open;
                long t0 = System.nanoTime();
                sender = new Thread(() -> loop.run(t0), "bench-open-sender");
                sender.setDaemon(true);
                sender.start();
            }
            sleepWatching(closed, (long) (o.warmup * 1e9));
            var jfrFile = outDir.resolve(fileName + ".jfr").toAbsolutePath();
            if (o.jfr && target.pid > 0 && target.jcmd != null) {
                var args = new ArrayList<>(List.of("JFR.start", "name=bench", "settings=" + o.jfrSettings,
                        "filename=" + jfrFile));
                if (o.jdkMajor >= 25) {
                    // JDK 25's CPU-time sampler sees native code too (SQLite runs there), unlike jdk.ExecutionSample.
                    args.addAll(List.of("jdk.CPUTimeSample#enabled=true", "jdk.CPUTimeSample#throttle=5ms"));
                }
                var started = Proc.jcmd(target.jcmd, target.pid, args.toArray(String[]::new));
                if (!started.contains("Started recording")) {
                    System.out.println("  JFR.start said: " + started.strip());
                }
            }
            long windowStart = System.nanoTime();
            long windowEnd = windowStart + (long) (o.duration * 1e9);
            if (closed != null) {
                closed.window(windowStart, windowEnd);
            } else {
                open.window(windowStart, windowEnd);
            }
            sampler.start();
            sleepWatching(closed, windowEnd - System.nanoTime());
            sampler.end();
            if (closed != null) {
                closed.stop();
            } else {
                open.stop();
                sender.join(10_000);
            }
            if (o.jfr && target.pid > 0 && target.jcmd != null) {
                Proc.jcmd(target.jcmd, target.pid, "JFR.stop", "name=bench");
                result.put("jfr", jfrFile.toString());
            }
            long[] heap = target.pid > 0 ? Proc.heapMb(target.jcmd, target.pid) : null;
            double secs = sampler.seconds();
            if (closed != null) {
                closed.drain((long) (o.timeout * 1e9) + 1_000_000_000L);
                result.put("users", spec.users())
                        .put("turns_per_s", closed.turns.get() / secs)
                        .put("conversations_per_s", closed.conversations.get() / secs)
                        .put("turn", closed.turn.summary())
                        .put("ack", closed.ack.summary())
                        .put("final_after_processing", closed.apiRound.summary())
                        .put("messages_sent", closed.sent.get())
                        .put("lost_turns", closed.lostTurns.get())
                        .put("lost_turns_in_window", closed.lostTurnsInWindow.get())
                        .put("ack_errors", closed.ackErrors.get())
                        .put("stray_replies", closed.stray.get());
            } else {
                long drained = open.drain((long) (o.drain * 1e9));
                long owedReplies = open.owedReplies();
                long owedFinals = open.owedFinals();
                result.put("rate", spec.rate()).put("batch", spec.batch()).put("users", spec.openUsers())
                        .put("messages_per_s", open.acceptedInWindow.get() / secs)
                        .put("posts_per_s", open.postsInWindow.get() / secs)
                        .put("replies_per_s", open.repliesInWindow.get() / secs)
                        .put("ack", open.ack.summary())
                        .put("turn", open.turn.summary())
                        .put("send_lag", open.lag.summary())
                        .put("messages_sent", open.messages.get())
                        .put("lost_replies", owedReplies)
                        .put("lost_finals", owedFinals)
                        .put("ack_errors", open.ackErrors.get())
                        .put("stray_replies", open.stray.get())
                        .put("drain_s", drained / 1e9);
            }
            result.put("graph_calls", fakes.graphCalls.get()).put("api_calls", fakes.apiCalls.get())
                    .put("bad_graph_calls", fakes.badCalls.get());
            var resources = sampler.result();
            // CPU per message: the figure that a busy neighbour skews least (it slows wabot down, not up).
            double handled = closed != null ? result.num("turns_per_s") * secs : result.num("messages_per_s") * secs;
            if (handled > 0 && !Double.isNaN(resources.num("wabot_cpu_s"))) {
                resources.put("wabot_cpu_ms_per_message", resources.num("wabot_cpu_s") * 1000 / handled);
                // The same without the JIT compiler threads, which stay busy for the first minute on 2 cores.
                Object threads = resources.get("wabot_threads_cpu_cores");
                double jit = threads instanceof Map<?, ?> m && m.get("C# CompilerThre") instanceof Number n
                        ? n.doubleValue() * secs : 0;
                resources.put("wabot_jit_cpu_cores", jit / secs);
                resources.put("wabot_cpu_ms_per_message_excl_jit", (resources.num("wabot_cpu_s") - jit) * 1000 / handled);
            }
            if (heap != null) {
                resources.put("wabot_heap_used_mb", heap[0]).put("wabot_heap_committed_mb", heap[1]);
            }
            result.put("resources", resources);
        } finally {
            fakes.listen(null);
            target.close();
        }
        Report.line(System.out, result);
        return result;
    }

    /** Waits (at most {@code seconds}) until other processes use under 0.25 cores, so neighbours skew less. */
    private static void waitQuiet(double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        double busy = 0;
        do {
            double before = Proc.machineBusySeconds();
            Thread.sleep(1000);
            busy = Proc.machineBusySeconds() - before;
            if (busy < 0.25) {
                return;
            }
        } while (System.nanoTime() < deadline);
        if (seconds > 0) {
            System.out.printf(Locale.ROOT, "  (machine still busy: %.2f cores used by other processes)%n", busy);
        }
    }

    private static void sleepWatching(ClosedLoop closed, long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
            if (closed != null) {
                closed.watchdog(System.nanoTime());
            }
        }
    }

    /** The cached prefilled store for these sizes and wabot's schema, built on first use. */
    static Path prefilled(Options o, Path java) throws Exception {
        var jar = o.jar != null ? o.jar : Path.of("..", "target", "wabot.jar");
        var schema = new StringBuilder();
        try (var zip = new ZipFile(jar.toFile())) {
            zip.stream().filter(e -> e.getName().startsWith("db/migration/") && !e.isDirectory())
                    .sorted(Comparator.comparing(ZipEntry::getName))
                    .forEach(e -> {
                        try (var in = zip.getInputStream(e)) {
                            schema.append(e.getName()).append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        } catch (IOException ex) {
                            throw new IllegalStateException(ex);
                        }
                    });
        }
        var cache = (o.out != null ? o.out : Path.of("results")).resolve("cache");
        Files.createDirectories(cache);
        var file = cache.resolve("prefill-" + Prefill.key(o.sessions, o.answers, Prefill.utf8(schema.toString())) + ".db");
        if (Files.isRegularFile(file)) {
            return file;
        }
        System.out.printf("%n  prefill: %,d ended sessions and %,d answers into %s (once; cached)%n", o.sessions, o.answers, file);
        var work = cache.resolve("building");
        cleanup(work, false);
        Files.createDirectories(work);
        var db = work.resolve("wabot.db");
        try (var fakes = new Fakes(0);
             var target = Target.start(java, List.of(), jar, db, work, work.resolve("wabot.log"), fakes.baseUrl(), Map.of())) {
            System.out.println("  prefill: wabot started once, so Flyway created the schema");
        }
        Prefill.fill(db, o.sessions, o.answers);
        Files.move(db, file, StandardCopyOption.ATOMIC_MOVE);
        cleanup(work, false);
        return file;
    }

    private static void cleanup(Path dir, boolean keep) throws IOException {
        if (keep || !Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static String machine() {
        var cpu = "unknown cpu";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.replaceFirst("model name\\s*:\\s*", "")).orElse(cpu);
        } catch (IOException ignored) {
            // keep unknown
        }
        long memKb = -1;
        try {
            memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(-1L);
        } catch (IOException ignored) {
            // keep -1
        }
        int nice = Proc.nice(ProcessHandle.current().pid());
        return String.format(Locale.ROOT, "%d cores (%s), %.0f GiB RAM, %s %s, load %s%s",
                Runtime.getRuntime().availableProcessors(), cpu, memKb / 1024.0 / 1024.0, System.getProperty("os.name"),
                System.getProperty("os.version"), Proc.loadAverage().replaceAll("^(\\S+ \\S+ \\S+).*", "$1"),
                nice != 0 ? ", bench and wabot at nice " + nice : "");
    }
}
