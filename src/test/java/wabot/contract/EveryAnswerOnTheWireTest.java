package wabot.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Contract;
import wabot.testing.FakeExternalApi.Response;
import wabot.testing.Fixtures;
import wabot.testing.Harness;
import wabot.testing.Webhooks;

/**
 * A conversation with a question of every type, through the real service: the POST that reaches the business API
 * carries every kind of answer, and the fake API holds it to the contract ({@link Contract}), as it does every POST of
 * the suite. The contract wabot serves is the file in docs/, byte for byte.
 */
class EveryAnswerOnTheWireTest {
    private static final String ANA = Webhooks.USER_A;
    private static final String FLOW = """
            language: en
            timezone: UTC
            questions:
              - {id: name, text: "Name?"}
              - {id: people, text: "How many?", type: number, integer: true}
              - {id: budget, text: "Budget?", type: number}
              - {id: email, text: "Email?", type: email}
              - {id: phone, text: "Phone?", type: phone, default_region: AR}
              - {id: visit, text: "When?", type: date}
              - {id: urgent, text: "Urgent?", type: yes_no}
              - id: topic
                text: "Topic?"
                type: choice
                options: [{id: repair, title: Repair}, {id: install, title: Install}]
              - {id: photo, text: "A photo?", type: image}
              - {id: place, text: "Where?", type: location}
            """;

    @TempDir
    Path dir;

    @Test
    void everyKindOfAnswerReachesTheBusinessApiAsTheContractSays() {
        try (var h = Harness.builder(dir).flowYaml(FLOW).start()) {
            h.api().enqueue(Response.ok(java.util.Map.of("continue_conversation", true, "message", "Thanks!")));
            for (var text : new String[] {"hi", "Ana", "4", "1.500,50", "ANA@Example.com", "11 5555-0000",
                    "2026-12-25", "yes", "2"}) {
                h.deliver(Webhooks.text(ANA, Webhooks.newWamid(), text));
            }
            h.deliver(Webhooks.retarget("image.json", ANA, Webhooks.newWamid()));
            h.deliver(Webhooks.retarget("location.json", ANA, Webhooks.newWamid()));

            var call = h.api().awaitCalls(1).get(0);
            var answers = call.body().path("answers");
            assertThat(answers.path("name").isTextual()).isTrue();
            assertThat(answers.path("people").isIntegralNumber()).isTrue();
            assertThat(answers.path("budget").decimalValue()).isEqualByComparingTo("1500.50");
            assertThat(answers.path("email").asText()).isEqualTo("ANA@example.com");
            assertThat(answers.path("phone").asText()).isEqualTo("+541155550000");
            assertThat(answers.path("visit").asText()).isEqualTo("2026-12-25");
            assertThat(answers.path("urgent").isBoolean()).isTrue();
            assertThat(answers.path("topic").asText()).isEqualTo("install");
            assertThat(answers.path("photo").path("media_id").asText()).isEqualTo("1000000000000101");
            assertThat(answers.path("place").path("latitude").isNumber()).isTrue();
            assertThat(h.api().breaches()).isEmpty();
            assertThat(h.graph().awaitMessages(ANA, 12)).last().isEqualTo("Thanks!");
        }
    }

    @Test
    void theServedContractIsTheOneInDocs() throws Exception {
        try (var h = Harness.start(dir)) {
            var served = h.get("/openapi.yaml");

            assertThat(served.status()).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/yaml"));
            assertThat(served.body()).isEqualTo(Files.readString(Fixtures.ROOT.resolve("docs/openapi.yaml")));
        }
    }
}
