package wabotbench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The bot under test: wabot as a child process (on a fresh or prefilled SQLite file, or on PostgreSQL), the in-memory
 * reference bot, or a wabot the user runs at a URL.
 */
final class Target implements AutoCloseable {
    static final String SECRET = "bench-app-secret";
    static final String PHONE_NUMBER_ID = "200000000000002";

    final String url;
    final long pid;
    final Path jcmd;
    private final Process process;

    private Target(String url, long pid, Path jcmd, Process process) {
        this.url = url;
        this.pid = pid;
        this.jcmd = jcmd;
        this.process = process;
    }

    /** A wabot the user started; pid may be -1 (then no CPU, RSS or heap figures). */
    static Target attach(String url, long pid) {
        Path jcmd = null;
        if (pid > 0) {
            jcmd = ProcessHandle.of(pid).flatMap(p -> p.info().command()).map(c -> Path.of(c).resolveSibling("jcmd"))
                    .orElse(null);
        }
        return new Target(url, pid, jcmd, null);
    }

    /**
     * Starts {@code java [jvmOpts] -jar wabot.jar} in {@code workDir} (so no stray .env is read) on the database at
     * {@code databaseUrl}, with a clean environment naming only the settings below, and waits for GET /health.
     */
    static Target wabot(Path java, List<String> jvmOpts, Path jar, String databaseUrl, Path workDir, Path log,
                        String fakesUrl, Map<String, String> extraEnv) throws IOException, InterruptedException {
        var env = new java.util.HashMap<>(extraEnv);
        env.put("DATABASE_URL", databaseUrl);
        return launch(java, jvmOpts, List.of("-jar", jar.toAbsolutePath().toString()), workDir, log, fakesUrl, env);
    }

    /** Starts the in-memory reference bot from the bench's own jar, with the same settings and JVM options. */
    static Target reference(Path java, List<String> jvmOpts, Path benchJar, Path workDir, Path log, String fakesUrl)
            throws IOException, InterruptedException {
        return launch(java, jvmOpts, List.of("-cp", benchJar.toAbsolutePath().toString(),
                ReferenceBot.class.getName()), workDir, log, fakesUrl, Map.of());
    }

    private static Target launch(Path java, List<String> jvmOpts, List<String> program, Path workDir, Path log,
                                 String fakesUrl, Map<String, String> extraEnv) throws IOException, InterruptedException {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var command = new ArrayList<String>();
        command.add(java.toString());
        command.addAll(jvmOpts);
        command.addAll(program);
        Files.createDirectories(workDir);
        var pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        var env = pb.environment();
        var keep = Map.of("PATH", "", "HOME", "", "LANG", "", "TMPDIR", "", "TZ", "");
        env.keySet().removeIf(k -> !keep.containsKey(k));
        env.put("PORT", Integer.toString(port));
        env.put("APP_SECRET", SECRET);
        env.put("VERIFY_TOKEN", "bench-verify");
        env.put("WHATSAPP_TOKEN", "bench-token");
        env.put("PHONE_NUMBER_ID", PHONE_NUMBER_ID);
        env.put("GRAPH_API_BASE_URL", fakesUrl);
        env.put("EXTERNAL_API_URL", fakesUrl + "/api");
        env.put("SEND_RATE_PER_SECOND", "100000");
        env.put("USER_MAX_MESSAGES_PER_MINUTE", "100000");
        // WARN keeps the hot path's tagged INFO lines out; BENCH_LOG_LEVEL=INFO measures what users run with.
        env.put("LOG_LEVEL", System.getenv().getOrDefault("BENCH_LOG_LEVEL", "WARN"));
        env.putAll(extraEnv);
        var process = pb.start();
        var jcmd = process.info().command().map(c -> Path.of(c).resolveSibling("jcmd"))
                .orElse(java.resolveSibling("jcmd"));
        var target = new Target("http://127.0.0.1:" + port, process.pid(), jcmd, process);
        try {
            target.awaitHealthy(Duration.ofSeconds(90), log);
        } catch (IOException | RuntimeException e) {
            target.close();
            throw e;
        }
        return target;
    }

    private void awaitHealthy(Duration limit, Path log) throws IOException, InterruptedException {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var request = HttpRequest.newBuilder(URI.create(url + "/health")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IOException("wabot exited with " + process.exitValue() + " before it was healthy; log "
                        + log + ":\n" + tail(log));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IOException("wabot was not healthy within " + limit.toSeconds() + " s; log " + log + ":\n" + tail(log));
    }

    static String tail(Path log) {
        try {
            var lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Resolves --java: empty means `java` on PATH, "17"/"25" the installed JDKs, else a java binary or JDK home. */
    static Path java(String spec) throws IOException {
        if (spec == null || spec.isBlank()) {
            var onPath = ProcessHandle.current().info().command().map(Path::of).orElse(Path.of("java"));
            return whichJava().orElse(onPath);
        }
        var path = switch (spec) {
            case "17" -> Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
            case "25" -> Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
            default -> Path.of(spec);
        };
        if (Files.isDirectory(path)) {
            path = path.resolve("bin/java");
        }
        if (!Files.isExecutable(path)) {
            throw new IOException("--java " + spec + ": " + path + " is not an executable java");
        }
        return path.toRealPath();
    }

    private static java.util.Optional<Path> whichJava() {
        for (var dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            var candidate = Path.of(dir, "java");
            if (Files.isExecutable(candidate)) {
                try {
                    return java.util.Optional.of(candidate.toRealPath());
                } catch (IOException ignored) {
                    // try the next
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** The first line of `java -version`, e.g. openjdk version "17.0.15". */
    static String version(Path java) {
        try {
            var p = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            var out = new String(p.getInputStream().readAllBytes()).lines().toList();
            p.waitFor(30, TimeUnit.SECONDS);
            return out.size() > 1 ? out.get(0) + " (" + out.get(1).replaceAll(".*\\(build ([^)]*)\\).*", "$1") + ")"
                    : String.join(" ", out);
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
