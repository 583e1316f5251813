package wabot.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * The real {@code target/wabot.jar} as a child process ({@code java -jar}), launched with a clean environment of
 * settings, in a folder of its own (so no {@code .env} is picked up), its output appended to one log file. It is
 * killed with SIGKILL ({@link Process#destroyForcibly()}: no shutdown hook, no flush, no close) and finally
 * stopped with SIGTERM. Every launch uses the same database; the port stays the same unless it was taken, in
 * which case a new one is chosen and {@link #port()} says which. Launches are numbered by a counter that the
 * instances of one test share, so a number names one life of one instance.
 */
final class WabotProcess implements AutoCloseable {
    /** Exit code of a JVM ended by SIGKILL: 128 + 9. */
    static final int SIGKILL_EXIT = 137;

    private final String name;
    private final Path jar;
    private final Path workDir;
    private final Path log;
    private final Map<String, String> settings;
    private final IntSupplier nextLaunch;
    private final IntFunction<Map<String, String>> perLaunch;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final Thread reaper = new Thread(this::destroyNow, "crash-it-reaper");
    private volatile Process process;
    private volatile int port;
    private volatile int launch;

    /**
     * @param nextLaunch the number of the next launch, from a counter the test's instances share
     * @param perLaunch  settings that differ from one launch to the next, by launch number
     */
    WabotProcess(String name, Path jar, Path workDir, Path log, Map<String, String> settings, IntSupplier nextLaunch,
                 IntFunction<Map<String, String>> perLaunch) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the wabot jar is missing: " + jar.toAbsolutePath()
                    + " (the crash test runs in `mvn verify`, after `package` has built it)");
        }
        this.name = name;
        this.jar = jar.toAbsolutePath();
        this.workDir = workDir;
        this.log = log;
        this.settings = Map.copyOf(settings);
        this.nextLaunch = nextLaunch;
        this.perLaunch = perLaunch;
        this.port = freePort();
        // If the test JVM is stopped (a Failsafe timeout, Ctrl-C), the child must not outlive it.
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** The port wabot listens on, where Meta must deliver. */
    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** The name the test gives this instance, e.g. {@code wabot-a}. */
    String name() {
        return name;
    }

    /** The number of the latest launch: the one running. */
    int launch() {
        return launch;
    }

    /**
     * Starts wabot and waits until {@code GET /health} answers 200. If it exits before that (say its port was
     * taken meanwhile), it is tried again on a new port, twice at most.
     */
    Duration launch(Duration timeout) {
        var started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            launch = nextLaunch.getAsInt();
            appendToLog("=== " + name + ": launch " + launch + " at " + Instant.now() + " on port " + port + " ===");
            var command = new ArrayList<>(List.of(javaExecutable(),
                    // A quicker start on a busy machine: C1 only, the serial collector, a modest heap.
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                    "-jar", jar.toString()));
            var builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().clear();
            builder.environment().putAll(settings);
            builder.environment().putAll(perLaunch.apply(launch));
            builder.environment().put("PORT", Integer.toString(port));
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot launch " + command, e);
            }
            if (awaitHealthy(timeout)) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            if (process.isAlive()) {
                destroyNow();
                throw new AssertionError(name + " (pid " + process.pid() + ") did not answer GET /health within "
                        + timeout.toSeconds() + " s; last lines of " + log + ":\n" + tail());
            }
            if (attempt == 3) {
                throw new AssertionError(name + " exited with code " + process.exitValue()
                        + " before it was ready, " + attempt + " times; last lines of " + log + ":\n" + tail());
            }
            port = freePort();
        }
    }

    /** {@code kill -9}: returns the exit code, which proves the process died of SIGKILL. */
    int kill() throws InterruptedException {
        var p = process;
        if (!p.isAlive()) {
            throw new AssertionError(name + " (pid " + p.pid() + ") died by itself with exit code " + p.exitValue()
                    + " before the test killed it; last lines of " + log + ":\n" + tail());
        }
        p.destroyForcibly();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " (pid " + p.pid() + ") survived SIGKILL for 20 s");
        }
        return p.exitValue();
    }

    /** An orderly stop (SIGTERM, so the shutdown hook closes the database); SIGKILL after 30 s. */
    int stop() throws InterruptedException {
        var p = process;
        if (p == null) {
            return -1;
        }
        if (!p.isAlive()) {
            throw new AssertionError(name + " (pid " + p.pid() + ") died by itself with exit code " + p.exitValue()
                    + " before the final stop; last lines of " + log + ":\n" + tail());
        }
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        return p.exitValue();
    }

    boolean alive() {
        var p = process;
        return p != null && p.isAlive();
    }

    /** The last lines of the child's log, for failure messages. */
    String tail() {
        try {
            var lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        destroyNow();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private void destroyNow() {
        var p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for wabot to start", e);
            }
            sleep(50);
        }
        return false;
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code java} of the JVM running this test, so the child runs on the same JDK. */
    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
