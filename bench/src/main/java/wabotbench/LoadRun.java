package wabotbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One load run: start the bot (one or more processes, or none with {@code --url}), load it for the warm-up and the
 * measured window, drain, stop it, and return every figure. On PostgreSQL it also reads the server's statistics at
 * both ends of the window, for the costs per turn.
 */
final class LoadRun {
    private final Main.Options o;
    private final Path java;
    private final Path jar;
    private final Path outDir;
    private final Fakes fakes;

    LoadRun(Main.Options o, Path java, Path jar, Path outDir, Fakes fakes) {
        this.o = o;
        this.java = java;
        this.jar = jar;
        this.outDir = outDir;
        this.fakes = fakes;
    }

    /**
     * @param sqlite the SQLite file (SQLite bots only)
     * @param pg     the PostgreSQL server (PostgreSQL bots only)
     */
    Json run(Main.Spec spec, Bot bot, Path sqlite, PgServer pg, Path workDir) throws Exception {
        var name = bot.prefix() + spec.name();
        System.out.printf("%n> %s: %s, %s%n", name, bot.description(), spec.closed()
                ? spec.users() + " users, closed loop"
                : String.format(Locale.ROOT, "%.0f msg/s, %d per POST, %d users, open loop", spec.rate(), spec.batch(),
                spec.openUsers()));
        Main.waitQuiet(o.quietWait);
        var fileName = name.replace('/', '-');
        var targets = new ArrayList<Target>();
        String pgUrl = null;
        var result = Json.object().put("name", name).put("mode", spec.closed() ? "closed" : "open")
                .put("bot", bot.description()).put("instances", bot.instances());
        try {
            if (o.url != null) {
                targets.add(Target.attach(o.url, o.pid));
            } else if (bot.kind() == Bot.Kind.REFERENCE) {
                targets.add(Target.reference(java, o.jvmOpts, Main.benchJar(), workDir,
                        outDir.resolve(fileName + ".log"), fakes.baseUrl()));
            } else if (bot.kind() == Bot.Kind.SQLITE) {
                Files.createDirectories(sqlite.getParent());
                targets.add(Target.wabot(java, o.jvmOpts, jar, "jdbc:sqlite:" + sqlite.toAbsolutePath(),
                        sqlite.getParent(), outDir.resolve(fileName + ".wabot.log"), fakes.baseUrl(), Map.of()));
            } else {
                pgUrl = pg.createDatabase();
                // One after the other: the first creates the schema, so the others find it current.
                for (int i = 1; i <= bot.instances(); i++) {
                    targets.add(Target.wabot(java, o.jvmOpts, jar, pgUrl, workDir.resolve("wabot-" + i),
                            outDir.resolve(fileName + ".wabot-" + i + ".log"), fakes.baseUrl(), Map.of()));
                }
            }
            load(spec, targets, pg == null ? -1 : pg.pid(), pgUrl, result, fileName);
        } finally {
            fakes.listen(null);
            targets.forEach(Target::close);
        }
        Report.line(System.out, result);
        return result;
    }

    private void load(Main.Spec spec, List<Target> targets, long dbPid, String pgUrl, Json result, String fileName)
            throws Exception {
        var first = targets.get(0);
        fakes.resetCounts();
        var webhooks = new Webhooks(Target.SECRET);
        var pids = targets.stream().map(t -> t.pid).filter(pid -> pid > 0).toList();
        try (var loader = new Loader(targets.stream().map(t -> t.url).toList(),
                spec.closed() ? spec.users() * 2 + 8 : 128);
             var sampler = new Sampler(pids, dbPid)) {
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
            boolean jfr = o.jfr && first.pid > 0 && first.jcmd != null;
            if (jfr) {
                var args = new ArrayList<>(List.of("JFR.start", "name=bench", "settings=" + o.jfrSettings,
                        "filename=" + jfrFile));
                if (o.jdkMajor >= 25) {
                    // JDK 25's CPU-time sampler sees native code too (SQLite runs there), unlike jdk.ExecutionSample.
                    args.addAll(List.of("jdk.CPUTimeSample#enabled=true", "jdk.CPUTimeSample#throttle=5ms"));
                }
                var started = Proc.jcmd(first.jcmd, first.pid, args.toArray(String[]::new));
                if (!started.contains("Started recording")) {
                    System.out.println("  JFR.start said: " + started.strip());
                }
            }
            var pgBefore = pgUrl == null ? null : PgStats.take(pgUrl);
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
            var pgAfter = pgUrl == null ? null : PgStats.take(pgUrl);
            if (closed != null) {
                closed.stop();
            } else {
                open.stop();
                sender.join(10_000);
            }
            if (jfr) {
                Proc.jcmd(first.jcmd, first.pid, "JFR.stop", "name=bench");
                result.put("jfr", jfrFile.toString());
            }
            long[] heap = first.pid > 0 ? Proc.heapMb(first.jcmd, first.pid) : null;
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
                result.put("rate", spec.rate()).put("batch", spec.batch()).put("users", spec.openUsers())
                        .put("messages_per_s", open.acceptedInWindow.get() / secs)
                        .put("posts_per_s", open.postsInWindow.get() / secs)
                        .put("replies_per_s", open.repliesInWindow.get() / secs)
                        .put("ack", open.ack.summary())
                        .put("turn", open.turn.summary())
                        .put("send_lag", open.lag.summary())
                        .put("messages_sent", open.messages.get())
                        .put("lost_replies", open.owedReplies())
                        .put("lost_finals", open.owedFinals())
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
            if (handled > 0 && !Double.isNaN(resources.num("db_cpu_s"))) {
                resources.put("db_cpu_ms_per_message", resources.num("db_cpu_s") * 1000 / handled);
            }
            if (heap != null) {
                resources.put("wabot_heap_used_mb", heap[0]).put("wabot_heap_committed_mb", heap[1]);
            }
            result.put("resources", resources);
            if (pgBefore != null && handled > 0) {
                result.put("pg_per_message", PgStats.perTurn(pgBefore, pgAfter, handled));
            }
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
}
