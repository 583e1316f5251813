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
        boolean reference = true;
        boolean pg = true;
        List<Integer> pgUsers = List.of(50, 200);
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
            usage: bench/run.sh [suite|closed|open|pg|prefill|jfr-top FILE|jmh ...] [options]   (details: bench/README.md)
              suite (default)   closed 1,10,50,200 users + open 2000/s and 10000/s x10, each also on the in-memory
                                reference bot; then on a 1M-session store; then on PostgreSQL, 1 and 2 instances
              closed            --users 1,10,50,200        open   --rate R --batch B [--open-users N]
              pg                the PostgreSQL pass alone: closed --pg-users (50,200), 1 and 2 instances
              prefill           build/find the cached 1M-session, 10M-answer store
              jfr-top FILE      where the time goes in a JFR recording (--top N)
              jmh [JMH args]    JMH microbenchmarks (ConversationEngine.decide, webhook parse + signature)
            options: --java 17|25|PATH  --jar PATH  --warmup S (45)  --duration S (12)  --timeout S (5)  --drain S (15)
                     --only NAMES  --jvm-opts "..."  --jfr  --no-scale  --scale  --sessions N  --answers N
                     --no-reference  --no-pg  --pg-users 50,200
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
            if (!List.of("suite", "closed", "open", "pg", "prefill", "jfr-top").contains(o.command)) {
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
                case "--no-reference" -> o.reference = false;
                case "--no-pg" -> o.pg = false;
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
                        case "--pg-users" -> o.pgUsers = Arrays.stream(v.split(",")).map(String::trim).map(Integer::parseInt).toList();
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
            var runs = new LoadRun(o, java, jar, dir, fakes);
            boolean pgOnly = o.command.equals("pg");
            boolean runBase = !o.scaleOnly && !pgOnly;
            boolean runScale = o.url == null && (o.scaleOnly || (o.command.equals("suite") && o.scale));
            boolean runPg = o.url == null && !o.scaleOnly && (pgOnly || (o.command.equals("suite") && o.pg));
            // Each run of wabot is followed by the same run of the reference bot, so the ratio of the two is measured
            // under the same conditions: on a shared machine only such ratios hold from one suite to the next.
            boolean reference = o.url == null && o.reference;
            var referenced = new java.util.HashSet<String>();
            if (runBase) {
                for (var spec : specs) {
                    var runDir = tmp.resolve(spec.name());
                    results.add(guarded(() -> runs.run(spec, Bot.SQLITE, runDir.resolve("wabot.db"), null, runDir),
                            spec, Bot.SQLITE));
                    save(results, jdk, machine, o, dir);
                    if (reference) {
                        results.add(guarded(() -> runs.run(spec, Bot.REFERENCE, null, null, runDir), spec, Bot.REFERENCE));
                        referenced.add(spec.name());
                        save(results, jdk, machine, o, dir);
                    }
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
                    results.add(guarded(() -> runs.run(spec, Bot.SCALE, db, null, scaleDir), spec, Bot.SCALE));
                    save(results, jdk, machine, o, dir);
                }
                cleanup(scaleDir, o.keep);
            }
            if (runPg) {
                var pgDir = tmp.resolve("postgres");
                try (var pg = PgServer.start(pgDir.resolve("data"), dir.resolve("postgres.log"))) {
                    var described = pg.describe();
                    System.out.printf("%n  postgres: %s, pid %d%n", described, pg.pid());
                    machine = machine + "; " + described;
                    for (int users : o.pgUsers) {
                        var spec = Spec.closed(users);
                        for (int instances : List.of(1, 2)) {
                            var bot = Bot.postgres(instances);
                            results.add(guarded(() -> runs.run(spec, bot, null, pg, pgDir), spec, bot));
                            save(results, jdk, machine, o, dir);
                        }
                        if (reference && referenced.add(spec.name())) {
                            results.add(guarded(() -> runs.run(spec, Bot.REFERENCE, null, null, pgDir), spec,
                                    Bot.REFERENCE));
                            save(results, jdk, machine, o, dir);
                        }
                    }
                }
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

    /** A run that fails (the bot does not start, the tool trips) is recorded as failed; the suite goes on. */
    private static Json guarded(RunBody body, Spec spec, Bot bot) {
        try {
            return body.run();
        } catch (Exception | Error e) {
            System.out.println("  run failed: " + e);
            e.printStackTrace(System.out);
            return Json.object().put("name", bot.prefix() + spec.name()).put("mode", spec.closed() ? "closed" : "open")
                    .put("bot", bot.description()).put("instances", bot.instances())
                    .put("error", e.toString()).put("turn", Json.object()).put("ack", Json.object())
                    .put("resources", Json.object());
        }
    }

    /** Rewrites results.json and results.md after every run, so an interrupted suite keeps what it measured. */
    private static Report save(List<Json> results, String jdk, String machine, Options o, Path dir) throws IOException {
        var report = new Report(results, jdk, machine, String.join(" ", List.of(argsOf(o))), o.jvmOpts);
        Files.writeString(dir.resolve("results.md"), report.markdown(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.json"), report.json().toString() + "\n", StandardCharsets.UTF_8);
        return report;
    }

    private static String[] argsOf(Options o) {
        return new String[] {o.command, "java=" + (o.java == null ? "default" : o.java),
                "warmup=" + o.warmup + "s", "duration=" + o.duration + "s",
                "jvm-opts=" + (o.jvmOpts.isEmpty() ? "none" : String.join(" ", o.jvmOpts))};
    }

    /** Waits (at most {@code seconds}) until other processes use under 0.25 cores, so neighbours skew less. */
    static void waitQuiet(double seconds) throws InterruptedException {
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

    /** This tool's own jar, which also holds the reference bot. */
    static Path benchJar() throws java.net.URISyntaxException {
        return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
             var target = Target.wabot(java, List.of(), jar, "jdbc:sqlite:" + db.toAbsolutePath(), work,
                     work.resolve("wabot.log"), fakes.baseUrl(), Map.of())) {
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
