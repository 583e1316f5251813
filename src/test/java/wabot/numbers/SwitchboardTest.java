package wabot.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import wabot.conversation.MessageKind;
import wabot.flow.FlowLoader;
import wabot.testing.Flows;
import wabot.testing.Switchboards;
import wabot.whatsapp.Inbound;
import wabot.whatsapp.StatusUpdate;
import wabot.whatsapp.Webhook;

/** Which deliveries reach a line, and under which key. */
class SwitchboardTest {
    private static final String FIRST = "1000000000000";
    private static final String SECOND = "1000000000001";

    private static Inbound text(String from, String number) {
        return new Inbound("wamid." + from + number, from, from, null, null, "text", MessageKind.TEXT, "hola", null,
                Instant.EPOCH).to(number);
    }

    private static StatusUpdate read(String number) {
        return new StatusUpdate("wamid.x", "read", Instant.EPOCH, null, null).from(number);
    }

    @Test
    void eachMessageIsKeyedByTheNumberWrittenToAndOthersAreDroppedAndCounted() {
        var flow = FlowLoader.parse(Flows.SHORT_YAML, "f.yaml");
        var meters = new SimpleMeterRegistry();
        var lines = Switchboards.several(flow, flow);
        var board = new Switchboard(lines.lines(), true, meters);

        var routed = board.route(new Webhook(List.of(text("15550001", FIRST), text("15550001", SECOND),
                text("15550001", "999"), text("15550001", null), text("222:15550001", FIRST)),
                List.of(read(FIRST), read("999"))));

        assertThat(routed.messages()).extracting(Inbound::userKey)
                .containsExactly("15550001", SECOND + ":15550001");
        assertThat(routed.statuses()).extracting(StatusUpdate::numberId).containsExactly(FIRST);
        assertThat(meters.counter("wabot.webhook.messages", "result", "unknown_number").count()).isEqualTo(2.0);
        assertThat(board.lineOf(SECOND + ":15550001").id()).isEqualTo(SECOND);
        assertThat(board.lineOf("15550001").id()).isEqualTo(FIRST);
        assertThat(board.lineOf("999:15550001")).as("a number no longer served").isNull();
    }

    @Test
    void aSingleNumberAnswersItsOwnAndUnaddressedDeliveriesAndWithoutAnIdEveryDelivery() {
        var flow = FlowLoader.parse(Flows.SHORT_YAML, "f.yaml");
        var single = Switchboards.single(flow);
        var lines = single.lines();

        var dryRun = new Switchboard(lines, false, new SimpleMeterRegistry());
        assertThat(dryRun.route(new Webhook(List.of(text("1", "999"), text("2", null)), List.of())).messages())
                .extracting(Inbound::userKey).containsExactly("1", "2");

        var line = lines.get(0);
        var withId = new Line(new BusinessNumber(FIRST, null, "f", flow, null, null, null, 80), "", line.engine(),
                line.api(), line.breaker(), line.messenger(), line.rate());
        var board = new Switchboard(List.of(withId), false, new SimpleMeterRegistry());
        assertThat(board.route(new Webhook(List.of(text("1", "999"), text("2", null), text("3", FIRST)), List.of()))
                .messages()).extracting(Inbound::userKey).containsExactly("2", "3");
    }

    @Test
    void aKeyNamesItsScopeAndPerson() {
        assertThat(UserKey.of("", "15550001")).isEqualTo("15550001");
        assertThat(UserKey.of("1000", "US.123")).isEqualTo("1000:US.123");
        assertThat(UserKey.scope("1000:US.123")).isEqualTo("1000");
        assertThat(UserKey.person("1000:US.123")).isEqualTo("US.123");
        assertThat(UserKey.scope("SIM.42")).isEmpty();
        assertThat(UserKey.person("SIM.42")).isEqualTo("SIM.42");
        assertThat(UserKey.validPerson("1:2")).isFalse();
    }
}
