package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/** {@code /metrics} carries Micrometer's JVM, process and connection-pool meters beside wabot's own. */
class ProcessMetricsTest {
    @TempDir
    Path dir;

    @Test
    void jvmProcessAndPoolMetersAreExposed() {
        try (var h = Harness.start(dir)) {
            h.exchange(Webhooks.USER_A, "Hola", 1);
            h.get("/sessions/" + Webhooks.USER_A);

            var metrics = h.get("/metrics").body();

            assertThat(metrics).contains("jvm_memory_used_bytes{").contains("jvm_gc_").contains("jvm_threads_live_threads")
                    .contains("process_cpu_usage").contains("process_uptime_seconds").contains("system_cpu_count")
                    .contains("hikaricp_connections{pool=\"wabot\"").contains("hikaricp_connections_usage_seconds")
                    .contains("wabot_webhook_messages_total{result=\"accepted\"} 1.0");
        }
    }
}
