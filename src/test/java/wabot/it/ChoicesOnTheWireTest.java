package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Texts;
import wabot.testing.Await;
import wabot.testing.FakeGraph;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/**
 * Choices reach the Graph API the way WhatsApp shows them: reply buttons, a list, or a numbered text menu, every
 * field within Meta's limits; a tap comes back as the option's id in the POST to the business API, and a tap on
 * an earlier question's button is not taken as the answer to the current one.
 */
class ChoicesOnTheWireTest {
    private static final String ANA = Webhooks.USER_A;
    private static final Texts TEXTS = Texts.spanish();
    private static final String FLOW = """
            questions:
              - id: topic
                text: "¿Sobre qué es tu consulta?"
                type: choice
                options:
                  - {id: billing, title: "Facturación"}
                  - {id: refunds, title: "Reembolsos"}
                  - {id: other, title: "Otro tema"}
              - id: appliance
                text: "¿Qué equipo es?"
                type: choice
                options:
                  - {id: washer, title: "Lavarropas", description: "Carga frontal o superior"}
                  - {id: fridge, title: "Heladera"}
                  - {id: aircon, title: "Aire acondicionado"}
                  - {id: oven, title: "Horno"}
              - id: country
                text: "¿Desde qué país escribís?"
                type: choice
                options:
                  - {id: ar, title: "Argentina"}
                  - {id: bo, title: "Bolivia"}
                  - {id: br, title: "Brasil"}
                  - {id: cl, title: "Chile"}
                  - {id: co, title: "Colombia"}
                  - {id: ec, title: "Ecuador"}
                  - {id: mx, title: "México"}
                  - {id: py, title: "Paraguay"}
                  - {id: pe, title: "Perú"}
                  - {id: es, title: "España"}
                  - {id: uy, title: "Uruguay"}
              - id: plan
                text: "¿Qué plan tenés?"
                type: choice
                options:
                  - {id: basic, title: "Básico, para una sola persona"}
                  - {id: family, title: "Familiar, hasta cinco personas"}
              - id: urgent
                text: "¿Es urgente?"
                type: yes_no
            """;

    @TempDir
    Path dir;

    @Test
    void buttonsListsAndMenusGoOutWithinMetasLimitsAndTapsComeBackAsOptionIds() {
        try (var h = Harness.builder(dir).flowYaml(FLOW).start()) {
            var topic = ask(h, Webhooks.text(ANA, Webhooks.newWamid(), "Hola"), 1);
            assertThat(topic.body().path("type").asText()).isEqualTo("interactive");
            var buttons = topic.body().path("interactive");
            assertThat(buttons.path("type").asText()).isEqualTo("button");
            assertThat(buttons.path("body").path("text").asText()).isEqualTo("¿Sobre qué es tu consulta?");
            assertThat(buttons.path("action").path("buttons")).hasSize(3).allSatisfy(b -> {
                assertThat(b.path("type").asText()).isEqualTo("reply");
                assertThat(b.path("reply").path("title").asText().length()).isLessThanOrEqualTo(20);
                assertThat(b.path("reply").path("id").asText().length()).isLessThanOrEqualTo(256);
            });
            assertThat(buttons.path("action").path("buttons").get(1).path("reply").path("id").asText())
                    .isEqualTo("topic:refunds");

            var appliance = ask(h, tap(topic, "button", 1), 1);
            var list = appliance.body().path("interactive");
            assertThat(list.path("type").asText()).isEqualTo("list");
            assertThat(list.path("action").path("button").asText()).isEqualTo("Elegir");
            var rows = list.path("action").path("sections").get(0).path("rows");
            assertThat(rows).hasSize(4).allSatisfy(r -> {
                assertThat(r.path("title").asText().length()).isLessThanOrEqualTo(24);
                assertThat(r.path("id").asText().length()).isLessThanOrEqualTo(200);
                assertThat(r.path("description").asText("").length()).isLessThanOrEqualTo(72);
            });
            assertThat(rows.get(0).path("description").asText()).isEqualTo("Carga frontal o superior");

            // Eleven countries are more than a list holds: a numbered menu, as text.
            var country = ask(h, tap(appliance, "list", 2), 1);
            assertThat(country.body().path("type").asText()).isEqualTo("text");
            assertThat(country.text()).startsWith("¿Desde qué país escribís?\n\n1. Argentina\n2. Bolivia\n")
                    .contains("\n11. Uruguay\n\nResponde con el número de tu opción.");

            // Titles over 24 characters fit neither buttons nor a list: a menu too, never a refused message.
            var plan = ask(h, Webhooks.text(ANA, Webhooks.newWamid(), "11"), 1);
            assertThat(plan.body().path("type").asText()).isEqualTo("text");
            assertThat(plan.text()).contains("1. Básico, para una sola persona\n2. Familiar, hasta cinco personas");

            var urgent = ask(h, Webhooks.text(ANA, Webhooks.newWamid(), "familiar, hasta cinco personas"), 1);
            assertThat(urgent.body().path("interactive").path("action").path("buttons"))
                    .extracting(b -> b.path("reply").path("title").asText()).containsExactly("Sí", "No");

            // An old button of the first question, tapped now, is refused and the question asked again.
            var refused = ask(h, tap(topic, "button", 0), 1);
            assertThat(refused.body().path("interactive").path("body").path("text").asText())
                    .isEqualTo("Esa opción es de otra pregunta.\n\n¿Es urgente?");
            assertThat(h.awaitSettled(ANA).currentQuestion()).isEqualTo("urgent");

            h.deliver(tap(urgent, "button", 0));
            var call = h.api().awaitCalls(1).get(0);
            assertThat(call.body().path("answers").toString()).isEqualTo(
                    "{\"topic\":\"refunds\",\"appliance\":\"aircon\",\"country\":\"uy\",\"plan\":\"family\",\"urgent\":true}");
            assertThat(h.graph().awaitMessages(ANA, 8)).endsWith(TEXTS.processing(), "Listo");

            var stored = h.awaitSettled(ANA);
            assertThat(stored.messages()).as("the refused tap stays in the transcript").hasSize(7);
            assertThat(stored.answers()).extracting(a -> a.path("choice_id").asText(null))
                    .containsExactly("topic:refunds", "appliance:aircon", null, null, "urgent:yes");
        }
    }

    /** Delivers {@code body}, waits for {@code replies} more messages to Ana, and returns the last of them. */
    private static FakeGraph.Request ask(Harness h, byte[] body, int replies) {
        int before = sent(h).size();
        h.deliver(body);
        var sent = Await.value(replies + " more message(s) to Ana", () -> sent(h), s -> s.size() >= before + replies);
        return sent.get(before + replies - 1);
    }

    private static List<FakeGraph.Request> sent(Harness h) {
        return h.graph().requests(ANA).stream().filter(FakeGraph.Request::delivered).toList();
    }

    /**
     * Ana taps option {@code index} of the buttons or list in {@code message}, as Meta delivers it: the option's id
     * and title, and a context naming the message that carried it.
     */
    private static byte[] tap(FakeGraph.Request message, String kind, int index) {
        var action = message.body().path("interactive").path("action");
        JsonNode option = kind.equals("button") ? action.path("buttons").get(index).path("reply")
                : action.path("sections").get(0).path("rows").get(index);
        ObjectNode tap = kind.equals("button")
                ? Webhooks.buttonReplyMessage(ANA, Webhooks.newWamid(), option.path("id").asText(), option.path("title").asText())
                : Webhooks.listReplyMessage(ANA, Webhooks.newWamid(), option.path("id").asText(), option.path("title").asText());
        ((ObjectNode) tap.path("context")).put("id", message.wamid());
        return Webhooks.single(tap);
    }
}
