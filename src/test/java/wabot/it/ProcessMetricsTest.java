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

    @Test
    void sendsSubmissionsTheCircuitAndTheBacklogAreMeasured() {
        try (var h = Harness.builder(dir).flowYaml("questions:\n  - id: name\n    text: \"¿Nombre?\"\n").start()) {
            h.exchange(Webhooks.USER_A, "Hola", 1);
            h.exchange(Webhooks.USER_A, "Ana", 2);
            h.graph().keepFailingFor(Webhooks.USER_B, 131047, 400, null);
            h.say(Webhooks.USER_B, "Hola");
            h.awaitSession(Webhooks.USER_B, "reply refused", s -> !s.replies().isEmpty()
                    && "failed".equals(s.replies().get(0).path("status").asText()));

            var metrics = wabot.testing.Await.value("meters after the conversation", () -> h.get("/metrics").body(),
                    m -> m.contains("wabot_submissions_total{outcome=\"done\"} 1.0")
                            && m.contains("wabot_inbox_pending 0.0"));

            assertThat(metrics).contains("wabot_replies_total{code=\"none\",result=\"sent\"} 3.0")
                    .contains("wabot_replies_total{code=\"131047\",result=\"failed\"} 1.0")
                    .contains("wabot_send_seconds_count").contains("wabot_business_api_seconds_bucket{")
                    .contains("resilience4j_circuitbreaker_state{name=\"external-api\",state=\"closed\"} 1.0")
                    .contains("wabot_outbox_pending 0.0").contains("wabot_outbox_oldest_pending_age_seconds 0.0")
                    .contains("wabot_inbox_oldest_pending_age_seconds");
        }
    }

    @Test
    void aHeldBackReplyShowsInTheOutboxBacklogWithItsAge() {
        try (var h = Harness.start(dir)) {
            h.graph().keepFailingFor(Webhooks.USER_A, 131000, 500, null);
            h.say(Webhooks.USER_A, "Hola");

            // The age is reckoned at each scrape: one taken within the reply's first millisecond reads 0.0, so wait
            // for a scrape that shows it pending and ageing.
            var metrics = wabot.testing.Await.value("the backlog read from the database",
                    () -> h.get("/metrics").body(), m -> m.contains("wabot_outbox_pending 1.0") && outboxAge(m) > 0);

            assertThat(outboxAge(metrics)).isGreaterThan(0).isLessThan(60);
            assertThat(metrics).contains("wabot_replies_total{code=\"131000\",result=\"retried\"}");
        }
    }

    private static double outboxAge(String metrics) {
        var age = java.util.regex.Pattern.compile("wabot_outbox_oldest_pending_age_seconds ([0-9.E-]+)").matcher(metrics);
        return age.find() ? Double.parseDouble(age.group(1)) : -1;
    }
}
