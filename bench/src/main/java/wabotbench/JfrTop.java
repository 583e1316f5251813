package wabotbench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Aggregates a JFR recording's stack samples into the few tables that say where the time goes: top frames by self
 * samples, methods by inclusive samples (wabot's own and all), samples by component (the package of the top frame),
 * and by thread. jdk.ExecutionSample covers threads running Java code; jdk.NativeMethodSample covers threads in
 * native code (SQLite runs there), less the idle waits (epoll, accept, park); jdk.CPUTimeSample (JDK 25, when
 * enabled) samples CPU time wherever it is spent.
 */
final class JfrTop {
    private static final Set<String> IDLE_NATIVE = Set.of(
            "sun.nio.ch.EPoll.wait", "sun.nio.ch.Net.poll", "sun.nio.ch.Net.accept", "sun.nio.ch.ServerSocketChannelImpl.accept0",
            "java.lang.Thread.sleep0", "java.lang.Thread.sleep", "jdk.internal.misc.Unsafe.park", "java.lang.Object.wait0",
            "java.lang.Object.wait", "java.lang.Thread.yield0", "sun.nio.ch.SocketDispatcher.read0",
            "java.lang.ProcessHandleImpl.waitForProcessExit0", "sun.nio.ch.EPollPort.wait",
            "java.io.FileInputStream.readBytes", "sun.nio.ch.FileDispatcherImpl.read0", "sun.nio.ch.UnixDispatcher.read0",
            "jdk.internal.misc.Unsafe.park0", "java.net.PlainSocketImpl.socketAccept", "sun.nio.ch.NioSocketImpl.park");

    private JfrTop() {}

    static void print(Path file, int top, PrintStream out) throws IOException {
        var events = RecordingFile.readAllEvents(file);
        for (var type : List.of("jdk.ExecutionSample", "jdk.NativeMethodSample", "jdk.CPUTimeSample")) {
            var self = new HashMap<String, Integer>();
            var inclusive = new HashMap<String, Integer>();
            var component = new HashMap<String, Integer>();
            var threads = new HashMap<String, Integer>();
            var wabotSelf = new HashMap<String, Integer>();
            int total = 0;
            for (RecordedEvent e : events) {
                if (!e.getEventType().getName().equals(type) || e.getStackTrace() == null) {
                    continue;
                }
                List<RecordedFrame> frames = e.getStackTrace().getFrames();
                if (frames.isEmpty()) {
                    continue;
                }
                var topName = name(frames.get(0));
                if (type.equals("jdk.NativeMethodSample") && IDLE_NATIVE.contains(topName)) {
                    continue;
                }
                total++;
                self.merge(topName, 1, Integer::sum);
                component.merge(component(frames), 1, Integer::sum);
                var thread = e.hasField("sampledThread") && e.getThread("sampledThread") != null
                        ? e.getThread("sampledThread").getJavaName() : "?";
                threads.merge(thread == null ? "?" : thread.replaceAll("\\d+", "#"), 1, Integer::sum);
                var seen = new HashSet<String>();
                boolean wabotFound = false;
                for (var f : frames) {
                    var n = name(f);
                    if (seen.add(n)) {
                        inclusive.merge(n, 1, Integer::sum);
                    }
                    if (!wabotFound && n.startsWith("wabot.")) {
                        wabotSelf.merge(n, 1, Integer::sum);
                        wabotFound = true;
                    }
                }
            }
            if (total == 0) {
                continue;
            }
            out.printf("%n=== %s: %,d samples ===%n", type, total);
            table(out, "by component (package of the top frame)", component, total, top);
            table(out, "top frames (self)", self, total, top);
            table(out, "inclusive (method anywhere on the stack)", inclusive, total, top * 2);
            table(out, "nearest wabot.* frame (who in wabot asked for the time)", wabotSelf, total, top);
            table(out, "by thread", threads, total, top);
        }
    }

    private static void table(PrintStream out, String title, Map<String, Integer> counts, int total, int top) {
        out.printf("-- %s%n", title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(top)
                .forEach(e -> out.printf("  %6.2f%%  %7d  %s%n", 100.0 * e.getValue() / total, e.getValue(), e.getKey()));
    }

    private static String name(RecordedFrame f) {
        var m = f.getMethod();
        return m == null ? "?" : m.getType().getName() + "." + m.getName();
    }

    /** The component a sample belongs to: the first frame outside the JDK's generic plumbing, by package. */
    static String component(List<RecordedFrame> frames) {
        for (var f : frames) {
            var c = classify(name(f));
            if (c != null) {
                return c;
            }
        }
        for (var f : frames) {
            var n = name(f);
            if (n.startsWith("sun.nio.") || n.startsWith("java.nio.")) return "jdk nio";
            if (n.startsWith("java.util.concurrent.")) return "jdk j.u.concurrent";
        }
        return "jdk (other): " + pkg(name(frames.get(0)));
    }

    private static String classify(String n) {
        if (n.startsWith("org.sqlite.")) return "sqlite (JNI + driver)";
        if (n.startsWith("org.jdbi.")) return "jdbi";
        if (n.startsWith("com.zaxxer.hikari.")) return "hikari";
        if (n.startsWith("com.fasterxml.jackson.")) return "jackson";
        if (n.startsWith("org.eclipse.jetty.")) return "jetty";
        if (n.startsWith("io.javalin.")) return "javalin";
        if (n.startsWith("jdk.internal.net.http.") || n.startsWith("java.net.http.")) return "jdk httpclient";
        if (n.startsWith("ch.qos.logback.") || n.startsWith("org.slf4j.")) return "logging";
        if (n.startsWith("io.github.resilience4j.")) return "resilience4j";
        if (n.startsWith("io.micrometer.")) return "micrometer";
        if (n.startsWith("com.sun.crypto.") || n.startsWith("javax.crypto.") || n.startsWith("sun.security.")) return "crypto (hmac)";
        if (n.startsWith("org.flywaydb.")) return "flyway";
        if (n.startsWith("wabot.")) return "wabot";
        return null;
    }

    private static String pkg(String n) {
        int i = n.lastIndexOf('.');
        int j = i > 0 ? n.lastIndexOf('.', i - 1) : -1;
        return j > 0 ? n.substring(0, j) : n;
    }
}
