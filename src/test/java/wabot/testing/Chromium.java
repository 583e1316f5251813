package wabot.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and its chromedriver, driven by Selenium in headless mode. Both are looked up where the
 * packages install them (or via {@code CHROMIUM}/{@code CHROMEDRIVER}); nothing is ever downloaded. On a machine
 * without them every browser test is skipped, and one line says why.
 */
public final class Chromium implements ExecutionCondition {
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (browser().isPresent() && driver().isPresent()) {
            return ConditionEvaluationResult.enabled("Chromium and chromedriver found");
        }
        var why = "browser tests skipped: no Chromium/chromedriver (apt-get install chromium chromium-driver; "
                + ".ci/run installs them)";
        if (TOLD.compareAndSet(false, true)) {
            System.out.println("[WARNING] " + why);
        }
        return ConditionEvaluationResult.disabled(why);
    }

    /** A new headless browser; the caller quits it. */
    public static ChromeDriver start() {
        return start(null);
    }

    /** A new headless browser that saves downloads in {@code downloads} (when not null) without asking. */
    public static ChromeDriver start(Path downloads) {
        var options = new ChromeOptions();
        if (downloads != null) {
            options.setExperimentalOption("prefs", java.util.Map.of(
                    "download.default_directory", downloads.toAbsolutePath().toString(),
                    "download.prompt_for_download", false));
        }
        options.setBinary(browser().orElseThrow().toFile());
        // As root in a sandbox with no network but loopback: no sandbox, no GPU, and no background traffic.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1000,900", "--lang=en-US");
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver().orElseThrow().toFile())
                .withTimeout(Duration.ofSeconds(30))
                .build();
        return new ChromeDriver(service, options);
    }

    private static Optional<Path> browser() {
        return find("CHROMIUM", "/usr/bin/chromium", "/usr/bin/chromium-browser");
    }

    private static Optional<Path> driver() {
        return find("CHROMEDRIVER", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    }

    private static Optional<Path> find(String variable, String... places) {
        var configured = System.getenv(variable);
        if (configured != null) {
            // Named on purpose: used if it is there, and otherwise means "none here" (how the skip is tried out).
            return Files.isExecutable(Path.of(configured)) ? Optional.of(Path.of(configured)) : Optional.empty();
        }
        for (var place : places) {
            if (new File(place).canExecute()) {
                return Optional.of(Path.of(place));
            }
        }
        return Optional.empty();
    }
}
