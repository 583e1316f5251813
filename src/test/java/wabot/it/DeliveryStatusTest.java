package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.SessionView;
import wabot.testing.Webhooks;

/**
 * Status webhooks about a reply (sent, delivered, read, failed) update that reply's row, found by the wamid the
 * Graph API returned for it. Meta may deliver them out of order, so a status never moves a reply back, and a
 * failure reported later (such as 131047) shows on the person's session.
 *
 * <p>A status is stored before the webhook is acknowledged, so each check reads the session right after it.
 */
class DeliveryStatusTest {
    private static final String ANA = Webhooks.USER_A;

    @TempDir
    Path dir;

    @Test
    void statusesMoveAReplyForwardAndNeverBack() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.exchange(ANA, "Hola", 1);
            var wamid = h.graph().requests(ANA).get(0).wamid();
            var accepted = reply(h.awaitSettled(ANA));
            assertThat(accepted.path("wamid").asText()).isEqualTo(wamid);
            assertThat(accepted.path("delivery").asText()).isEqualTo("accepted");

            h.deliver(Webhooks.status("status_sent.json", wamid, ANA));
            assertThat(delivery(h)).isEqualTo("sent");
            h.deliver(Webhooks.status("status_delivered.json", wamid, ANA));
            assertThat(delivery(h)).isEqualTo("delivered");
            h.deliver(Webhooks.status("status_read.json", wamid, ANA));
            assertThat(delivery(h)).isEqualTo("read");

            h.deliver(Webhooks.status("status_delivered.json", wamid, ANA));
            assertThat(delivery(h)).as("a late 'delivered' does not undo 'read'").isEqualTo("read");
            h.deliver(Webhooks.status("status_sent.json", wamid, ANA));
            assertThat(delivery(h)).as("nor does a late 'sent'").isEqualTo("read");
            assertThat(reply(h.session(ANA)).path("status").asText()).isEqualTo("sent");
        }
    }

    @Test
    void failureReportedLaterShowsOnThatReplyOnly() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            h.exchange(ANA, "Hola", 1);
            h.exchange(ANA, "Ana", 1);
            var first = h.graph().requests(ANA).get(0).wamid();
            var second = h.graph().requests(ANA).get(1).wamid();
            h.awaitSettled(ANA);

            h.deliver(Webhooks.status("status_delivered.json", first, ANA));
            h.deliver(Webhooks.status("status_sent.json", second, ANA));
            h.deliver(Webhooks.status("status_failed_131047.json", second, ANA));
            h.deliver(Webhooks.status("status_delivered.json", second, ANA)); // out of order: the failure stands

            var replies = h.session(ANA).replies();
            assertThat(replies).hasSize(2);
            assertThat(replies.get(0).path("delivery").asText()).isEqualTo("delivered");
            assertThat(replies.get(0).path("error_code").isNull()).as("the other reply is untouched").isTrue();
            var failed = replies.get(1);
            assertThat(failed.path("wamid").asText()).isEqualTo(second);
            assertThat(failed.path("delivery").asText()).isEqualTo("failed");
            assertThat(failed.path("error_code").asInt()).isEqualTo(131047);
            assertThat(failed.path("error_detail").asText()).contains("24 hours");
        }
    }

    private static JsonNode reply(SessionView session) {
        assertThat(session.replies()).hasSize(1);
        return session.replies().get(0);
    }

    private static String delivery(Harness h) {
        return reply(h.session(ANA)).path("delivery").asText();
    }
}
