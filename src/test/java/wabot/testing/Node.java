package wabot.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Node.js 18 or later, for the tests that run the example business API (examples/business-api). Looked up as
 * {@code NODE} when it is set, else {@code node} on the PATH; nothing is downloaded. Without it those tests are skipped, and one line
 * says why.
 */
public final class Node implements ExecutionCondition {
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (executable().isPresent()) {
            return ConditionEvaluationResult.enabled("Node.js 18+ found");
        }
        var why = "business API example tests skipped: no Node.js 18+ (apt-get install nodejs; .ci/run installs it)";
        if (TOLD.compareAndSet(false, true)) {
            System.out.println("[WARNING] " + why);
        }
        return ConditionEvaluationResult.disabled(why);
    }

    /** The node executable, when one of version 18 or later is there. */
    public static Optional<Path> executable() {
        var named = System.getenv("NODE");
        var candidates = new java.util.ArrayList<Path>();
        if (named != null && !named.isBlank()) {
            // Named, it is the only one: NODE=/nonexistent shows what a machine without Node.js runs.
            return Files.isExecutable(Path.of(named)) && recentEnough(Path.of(named)) ? Optional.of(Path.of(named))
                    : Optional.empty();
        }
        for (var dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, "node"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).filter(Node::recentEnough).findFirst();
    }

    private static boolean recentEnough(Path node) {
        try {
            var process = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
            String version;
            try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                version = out.readLine();
            }
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0 || version == null) {
                process.destroyForcibly();
                return false;
            }
            var major = version.strip().replaceFirst("^v", "").split("\\.")[0];
            return major.matches("\\d+") && Integer.parseInt(major) >= 18;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
