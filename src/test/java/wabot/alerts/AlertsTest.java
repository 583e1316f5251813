package wabot.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import wabot.testing.Await;
import wabot.testing.FakeAlertReceiver;
import wabot.testing.FakeExternalApi.Response;
import wabot.testing.Harness;
import wabot.testing.StoredRows;
import wabot.testing.LogCapture;
import wabot.testing.Webhooks;

/**
 * Every alert, caused for real through the fakes (Meta's Graph API answering errors, the business API failing,
 * replies held back) and watched on a fake chat webhook and in the log: each fires once when its condition starts,
 * however many messages keep it going, and clears once when it ends.
 */
class AlertsTest {
    private static final String ONE_QUESTION = "questions:\n  - id: name\n    text: \"Name?\"\n";

    @TempDir
    Path dir;

    private FakeAlertReceiver receiver;
    private LogCapture logs;

    @BeforeEach
    void listen() {
        receiver = FakeAlertReceiver.start();
        logs = LogCapture.start();
    }

    @AfterEach
    void stop() {
        logs.close();
        receiver.close();
    }

    private Harness.Builder wabot() {
        return Harness.builder(dir).flowYaml(ONE_QUESTION)
                .env("ALERT_WEBHOOK_URL", receiver.url())
                .env("ALERT_CHECK_INTERVAL", "100ms");
    }

    @Test
    void aDeadTokenFiresOnceAndClearsOnceAReplyIsAcceptedAgain() {
        try (var h = wabot().start()) {
            h.graph().keepFailing(190, 401);
            hello(h, "15550000001", "15550000002");
            var firing = receiver.await("whatsapp_token_invalid", "firing");
            hello(h, "15550000003");
            awaitChecks(h, 5);

            h.graph().clear();
            hello(h, "15550000004");
            var resolved = receiver.await("whatsapp_token_invalid", "resolved");
            awaitChecks(h, 5);

            assertThat(firing.path("severity").asText()).isEqualTo("critical");
            assertThat(firing.path("summary").asText()).contains("Graph error 190").contains("WHATSAPP_TOKEN");
            assertThat(firing.path("details").asText()).contains("Replace WHATSAPP_TOKEN");
            assertThat(firing.path("text").asText()).startsWith("🔴 FIRING: WhatsApp rejects the access token");
            assertThat(firing.path("instance").asText()).endsWith(":" + h.port());
            assertThat(firing.path("resolved_at").isNull()).isTrue();
            assertThat(resolved.path("started_at").asText()).isEqualTo(firing.path("started_at").asText());
            assertThat(resolved.path("resolved_at").asText()).isNotEmpty();
            assertOnce("whatsapp_token_invalid");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {131031, 368})
    void aBlockedOrRestrictedNumberFiresOnceAndClearsOnce(int code) {
        try (var h = wabot().start()) {
            h.graph().keepFailing(code, 400);
            hello(h, "15550000001", "15550000002");
            var firing = receiver.await("whatsapp_restricted", "firing");
            hello(h, "15550000003");
            awaitChecks(h, 5);

            h.graph().clear();
            hello(h, "15550000004");
            receiver.await("whatsapp_restricted", "resolved");
            awaitChecks(h, 5);

            assertThat(firing.path("summary").asText()).contains("Graph error " + code);
            assertOnce("whatsapp_restricted");
            assertThat(receiver.notices("whatsapp_token_invalid")).isEmpty();
        }
    }

    @Test
    void aCircuitOpenLongerThanTheThresholdFiresOnceAndClearsOnceItCloses() {
        try (var h = wabot().env("ALERT_CIRCUIT_OPEN_AFTER", "1s").env("EXTERNAL_API_CIRCUIT_WAIT", "1s").start()) {
            h.api().respondWith(call -> Response.json(503, "{}"));
            int person = 0;
            // Each submission is tried twice (EXTERNAL_API_MAX_ATTEMPTS=2): five failed calls open the circuit.
            while (receiver.notices("business_api_circuit_open").isEmpty() && person < 30) {
                complete(h, "1555100" + String.format("%04d", person++));
            }
            var firing = receiver.await("business_api_circuit_open", "firing");
            awaitChecks(h, 5);

            h.api().respondWith(call -> Response.DEFAULT);
            // Three good calls close a half-open circuit.
            Await.until("the circuit closes", Duration.ofSeconds(60), () -> {
                complete(h, "1555200" + String.format("%04d", h.api().calls().size() % 10_000));
                return h.get("/metrics").body().contains(
                        "resilience4j_circuitbreaker_state{name=\"external-api\",state=\"closed\"} 1.0");
            });
            receiver.await("business_api_circuit_open", "resolved");
            awaitChecks(h, 5);

            assertThat(firing.path("summary").asText()).contains("has been open for");
            assertThat(firing.path("details").asText()).contains("retry each failed submission");
            assertOnce("business_api_circuit_open");
        }
    }

    /**
     * The circuit is the instance's own, so no other instance, nor the next life of this one (another port), can see
     * it close: a stopping instance clears its alert, or the alert stays firing in the console for good.
     */
    @Test
    void anInstanceThatStopsClearsItsCircuitAlertOnItsWayOut() throws Exception {
        try (var h = wabot().env("ALERT_CIRCUIT_OPEN_AFTER", "1s").env("EXTERNAL_API_CIRCUIT_WAIT", "10m").start()) {
            h.api().respondWith(call -> Response.json(503, "{}"));
            int person = 0;
            while (receiver.notices("business_api_circuit_open").isEmpty() && person < 30) {
                complete(h, "1555100" + String.format("%04d", person++));
            }
            var firing = receiver.await("business_api_circuit_open", "firing");

            h.restart();
            var resolved = receiver.await("business_api_circuit_open", "resolved");
            awaitChecks(h, 3);

            assertThat(resolved.path("instance").asText()).isEqualTo(firing.path("instance").asText());
            assertThat(resolved.path("summary").asText()).contains("stopped");
            assertThat(resolved.path("started_at").asText()).isEqualTo(firing.path("started_at").asText());
            try (var db = DriverManager.getConnection("jdbc:sqlite:" + h.database());
                 var rs = db.createStatement().executeQuery(
                         "SELECT state FROM alerts WHERE name LIKE 'business_api_circuit_open@%'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as("the stopped instance's circuit alert").isEqualTo("resolved");
                assertThat(rs.next()).as("the new instance's circuit never opened").isFalse();
            }
            assertOnce("business_api_circuit_open");
        }
    }

    @Test
    void aShareOfFailedSubmissionsOverTheThresholdFiresOnceAndClearsOnce() {
        try (var h = wabot().env("ALERT_MIN_EVENTS", "3").env("ALERT_FAILED_SUBMISSIONS_PERCENT", "50").start()) {
            // 500 is not retried, and says nothing against the API's health: the circuit stays closed.
            h.api().respondWith(call -> Response.json(500, "{\"error\":\"boom\"}"));
            complete(h, "15550000001");
            complete(h, "15550000002");
            awaitChecks(h, 3);
            assertThat(receiver.notices("submissions_failing")).as("two failures are below the floor of three")
                    .isEmpty();
            complete(h, "15550000003");
            var firing = receiver.await("submissions_failing", "firing");
            complete(h, "15550000004");
            awaitChecks(h, 5);

            h.api().respondWith(call -> Response.DEFAULT);
            for (int i = 5; i <= 9; i++) {
                complete(h, "1555000000" + i);
            }
            var resolved = receiver.await("submissions_failing", "resolved");
            awaitChecks(h, 5);

            assertThat(firing.path("summary").asText()).contains("3 of the last 3 submissions failed (100 %)");
            assertThat(resolved.path("summary").asText()).contains("under the threshold of 50 %");
            assertOnce("submissions_failing");
        }
    }

    @Test
    void aShareOfFailedRepliesOverTheThresholdFiresOnceAndClearsOnce() {
        // The floor is the four failures: a check between the third and the fourth must not fire (with "× 3").
        try (var h = wabot().env("ALERT_MIN_EVENTS", "4").env("ALERT_FAILED_REPLIES_PERCENT", "50").start()) {
            var unreachable = List.of("15550000001", "15550000002", "15550000003", "15550000004");
            unreachable.forEach(p -> h.graph().keepFailingFor(p, 131026, 400, null));
            hello(h, unreachable.toArray(String[]::new));
            var firing = receiver.await("replies_failing", "firing");
            awaitChecks(h, 5);

            for (int i = 5; i <= 9; i++) {
                h.exchange("1555000000" + i, "Hola", 1);
            }
            receiver.await("replies_failing", "resolved");
            awaitChecks(h, 5);

            assertThat(firing.path("severity").asText()).isEqualTo("warning");
            assertThat(firing.path("details").asText()).contains("131026 × 4").contains("Undeliverable");
            assertOnce("replies_failing");
            assertThat(receiver.notices("whatsapp_restricted")).isEmpty();
        }
    }

    @Test
    void aReplyWaitingLongerThanTheThresholdFiresOnceAndClearsOnceItIsSent() {
        try (var h = wabot().env("ALERT_OUTBOX_AGE", "1s").start()) {
            h.graph().keepFailingFor(Webhooks.USER_A, 131000, 500, null);
            h.say(Webhooks.USER_A, "Hola");
            var firing = receiver.await("outbox_stuck", "firing");
            awaitChecks(h, 5);

            h.graph().stopFailingFor(Webhooks.USER_A);
            h.graph().awaitMessages(Webhooks.USER_A, 1, Duration.ofSeconds(60));
            receiver.await("outbox_stuck", "resolved");
            awaitChecks(h, 5);

            assertThat(firing.path("summary").asText()).contains("(1 waiting)");
            assertOnce("outbox_stuck");
        }
    }

    @Test
    void aFailingWebhookIsTriedAgainAFewTimesAndNothingElseNotices() {
        try (var h = wabot().start()) {
            receiver.failNext(2);
            h.graph().keepFailing(190, 401);
            hello(h, "15550000001");

            var firing = receiver.await("whatsapp_token_invalid", "firing");
            assertThat(receiver.posts()).as("two refused, the third accepted").hasSize(3);
            h.graph().clear();
            h.exchange("15550000002", "Hola", 1);

            assertThat(firing.path("alert").asText()).isEqualTo("whatsapp_token_invalid");
            assertThat(logs.lines()).anyMatch(l -> l.contains("[ALERT] webhook failed") && l.contains("HTTP 500"))
                    .noneMatch(l -> l.contains(receiver.url()));
        }
    }

    @Test
    void aDeadTokenIsOneNumbersAlertAndNamesIt() {
        var sales = "106540352242922";
        var support = "107700000000001";
        try (var h = wabot().without("WHATSAPP_TOKEN")
                .file("one.yaml", ONE_QUESTION)
                .numbersYaml("""
                        numbers:
                          - {phone_number_id: "%s", name: Sales, flow: one.yaml, token_env: SALES_TOKEN}
                          - {phone_number_id: "%s", name: Support, flow: one.yaml, token_env: SUPPORT_TOKEN}
                        """.formatted(sales, support))
                .env("SALES_TOKEN", "sales-token-not-real").env("SUPPORT_TOKEN", "support-token-not-real")
                .start()) {
            h.graph().keepFailingFrom(sales, null, 190, 401, null);
            h.deliver(Webhooks.textTo(sales, "15550000001", Webhooks.newWamid(), "Hola"));
            var firing = receiver.await("whatsapp_token_invalid", "firing");
            // Support's replies go out, and its own token alert stays quiet.
            h.deliver(Webhooks.textTo(support, "15550000002", Webhooks.newWamid(), "Hola"));
            h.graph().awaitMessages(support, "15550000002", 1);
            awaitChecks(h, 5);

            assertThat(firing.path("summary").asText()).contains("Replies from Sales (" + sales + ")")
                    .contains("Graph error 190").contains("SALES_TOKEN").doesNotContain("WHATSAPP_TOKEN");
            assertThat(firing.path("details").asText()).contains("Replace SALES_TOKEN");
            assertThat(receiver.notices("whatsapp_token_invalid")).hasSize(1);
            var stored = StoredRows.query(h.database(), "SELECT name FROM alerts WHERE state = 'firing'");
            assertThat(stored).extracting(row -> row.get("name")).containsExactly("whatsapp_token_invalid@" + sales);
            assertThat(h.get("/console").body()).contains("WhatsApp rejects the access token on " + sales);
        }
    }

    private static void hello(Harness h, String... people) {
        for (var person : people) {
            h.say(person, "Hola");
            h.awaitSession(person, "its reply left the outbox", s -> !s.replies().isEmpty()
                    && !"pending".equals(s.replies().get(0).path("status").asText()));
        }
    }

    /** A whole conversation of the one-question flow, up to its submission's end. */
    private static void complete(Harness h, String person) {
        h.exchange(person, "Hola", 1);
        h.say(person, "Ana");
        h.awaitSession(person, "the submission settled", s -> !s.submissions().isEmpty()
                && !"pending".equals(s.submissions().get(0).path("status").asText()));
    }

    /** Waits until the conditions were read {@code more} more times. */
    private static void awaitChecks(Harness h, int more) {
        var pattern = Pattern.compile("wabot_alerts_checks_total ([0-9.E]+)");
        java.util.function.Supplier<Double> checks = () -> {
            var m = pattern.matcher(h.get("/metrics").body());
            return m.find() ? Double.parseDouble(m.group(1)) : 0;
        };
        double target = checks.get() + more;
        Await.until(more + " more alert checks", Duration.ofSeconds(30), () -> checks.get() >= target);
    }

    /** One firing and one resolved notice, on the webhook and in the log. */
    private void assertOnce(String alert) {
        assertThat(receiver.notices(alert)).extracting(n -> n.path("state").asText())
                .containsExactly("firing", "resolved");
        assertThat(logs.lines()).filteredOn(l -> l.contains("[ALERT] FIRING " + alert + " "))
                .singleElement().asString().startsWith("ERROR ");
        assertThat(logs.lines()).filteredOn(l -> l.contains("[ALERT] RESOLVED " + alert + " "))
                .singleElement().asString().startsWith("WARN ");
    }
}
