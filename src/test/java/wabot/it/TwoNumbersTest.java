package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.conversation.Language;
import wabot.conversation.Texts;
import wabot.testing.FakeExternalApi;
import wabot.testing.FakeExternalApi.Response;
import wabot.testing.FakeGraph.Request;
import wabot.testing.Harness;
import wabot.testing.LogCapture;
import wabot.testing.Webhooks;

/**
 * One deployment, two WhatsApp numbers with two flows and two business APIs (issue 10). The same person holds a
 * conversation with each at once: every message is routed by the number it was written to, every reply leaves from
 * that number with its own token, and each conversation's answers reach that number's API, naming the number.
 */
class TwoNumbersTest {
    static final String SALES = "106540352242922";
    static final String SUPPORT = "107700000000001";
    private static final String ANA = Webhooks.USER_A;
    private static final String BEN = Webhooks.USER_B;
    private static final String SALES_FLOW = """
            language: en
            questions:
              - id: product
                text: "Sales: which product?"
              - id: quantity
                text: "Sales: how many?"
                type: number
                integer: true
            """;
    private static final String SUPPORT_FLOW = """
            questions:
              - id: issue
                text: "Soporte: ¿qué pasó?"
              - id: email
                text: "Soporte: ¿tu email?"
                type: email
            """;

    @TempDir
    Path dir;

    /** Sales posts to its own API; support has none of its own and falls back on EXTERNAL_API_URL. */
    private Harness.Builder twoNumbers(FakeExternalApi salesApi) {
        return Harness.builder(dir)
                .file("sales.yaml", SALES_FLOW)
                .file("support.yaml", SUPPORT_FLOW)
                .numbersYaml("""
                        numbers:
                          - phone_number_id: "%s"
                            name: Sales
                            flow: sales.yaml
                            token_env: SALES_TOKEN
                            api_url: %s
                          - phone_number_id: %s
                            name: Support
                            flow: support.yaml
                            token_env: SUPPORT_TOKEN
                        """.formatted(SALES, salesApi.url(), SUPPORT))
                .env("SALES_TOKEN", "sales-token-not-real")
                .env("SUPPORT_TOKEN", "support-token-not-real")
                .without("WHATSAPP_TOKEN");
    }

    @Test
    void onePersonHoldsAConversationWithEachNumberInterleavedAndEachEndsAtItsOwnApi() {
        try (var salesApi = FakeExternalApi.start();
             var h = twoNumbers(salesApi).start()) {
            salesApi.respondWith(call -> Response.finish("Sales: thanks, we will call you"));
            h.api().respondWith(call -> Response.finish("Soporte: ticket abierto"));

            assertThat(say(h, SALES, ANA, "hi", 1)).containsExactly("Sales: which product?");
            assertThat(say(h, SUPPORT, ANA, "hola", 1)).containsExactly("Soporte: ¿qué pasó?");
            assertThat(say(h, SALES, ANA, "Solar panel", 1)).containsExactly("Sales: how many?");
            assertThat(say(h, SUPPORT, ANA, "No enciende", 1)).containsExactly("Soporte: ¿tu email?");
            // Each number reads answers by its own flow: "12" is a number for sales...
            assertThat(say(h, SALES, ANA, "12", 2)).containsExactly(Language.EN.texts().processing(),
                    "Sales: thanks, we will call you");
            // ...and an email for support, which refuses it and asks again, in Spanish.
            assertThat(say(h, SUPPORT, ANA, "12", 1)).singleElement().asString().contains("Soporte: ¿tu email?");
            assertThat(say(h, SUPPORT, ANA, "ana@example.com", 2)).containsExactly(Texts.spanish().processing(),
                    "Soporte: ticket abierto");

            var sales = salesApi.awaitCalls(1);
            var support = h.api().awaitCalls(1);
            assertThat(sales).singleElement().satisfies(call -> {
                assertThat(call.body().path("answers").toString()).isEqualTo("{\"product\":\"Solar panel\",\"quantity\":12}");
                assertThat(call.body().path("number").toString())
                        .isEqualTo("{\"phone_number_id\":\"" + SALES + "\",\"name\":\"Sales\"}");
                assertThat(call.userPhone()).isEqualTo("+" + ANA);
            });
            assertThat(support).singleElement().satisfies(call -> {
                assertThat(call.answers()).containsExactly(Map.entry("issue", "No enciende"),
                        Map.entry("email", "ana@example.com"));
                assertThat(call.body().path("number").toString())
                        .isEqualTo("{\"phone_number_id\":\"" + SUPPORT + "\",\"name\":\"Support\"}");
                assertThat(call.idempotencyKey()).isNotEqualTo(sales.get(0).idempotencyKey());
            });

            // Every reply left from the number it answers, with that number's token and nobody else's.
            var requests = h.graph().requests();
            assertThat(requests).hasSize(9).allSatisfy(r -> assertThat(r.to()).isEqualTo("+" + ANA));
            assertThat(requests).filteredOn(r -> r.phoneNumberId().equals(SALES)).hasSize(4)
                    .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer sales-token-not-real"))
                    .extracting(Request::text).allMatch(text -> text.startsWith("Sales") || text.startsWith("Thanks"));
            assertThat(requests).filteredOn(r -> r.phoneNumberId().equals(SUPPORT)).hasSize(5)
                    .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer support-token-not-real"))
                    .extracting(Request::text).noneMatch(text -> text.startsWith("Sales"));

            // The operator sees two sessions of one person, and asks for either by number.
            assertThat(h.admin("/sessions/" + ANA).status()).isEqualTo(400);
            var salesSession = h.admin("/sessions/" + ANA + "?number=" + SALES).json();
            assertThat(salesSession.path("number").path("name").asText()).isEqualTo("Sales");
            assertThat(salesSession.path("user").asText()).isEqualTo(ANA);
            assertThat(salesSession.path("state").asText()).isEqualTo("CONVERSATION_ENDED");
            assertThat(h.admin("/sessions/" + ANA + "?number=" + SUPPORT).json().path("replies")).hasSize(5);
            assertThat(h.admin("/sessions/" + ANA + "?number=999").status()).isEqualTo(404);
        }
    }

    @Test
    void aPauseOfOneNumberHoldsNoReplyOfTheOther() {
        try (var salesApi = FakeExternalApi.start();
             var h = twoNumbers(salesApi).start()) {
            // Sales is over its throughput for a minute, and Ana is over her pair limit with sales for a minute.
            h.graph().keepFailingFrom(SALES, null, 130429, 400, Duration.ofSeconds(60));
            h.deliver(Webhooks.textTo(SALES, BEN, Webhooks.newWamid(), "hi"));
            h.deliver(Webhooks.textTo(SALES, ANA, Webhooks.newWamid(), "hi"));

            // Support keeps answering the same people meanwhile, with no wait of its own.
            assertThat(say(h, SUPPORT, ANA, "hola", 1)).containsExactly("Soporte: ¿qué pasó?");
            assertThat(say(h, SUPPORT, BEN, "hello", 1)).containsExactly("Soporte: ¿qué pasó?");
            assertThat(say(h, SUPPORT, ANA, "Se cortó", 1)).containsExactly("Soporte: ¿tu email?");
            assertThat(h.graph().texts(SALES, ANA)).isEmpty();
            assertThat(h.graph().requests()).filteredOn(r -> r.phoneNumberId().equals(SALES)).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.status()).isEqualTo(400));
        }
    }

    @Test
    void aPairLimitHoldsOnePersonOnOneNumberOnly() {
        try (var salesApi = FakeExternalApi.start();
             var h = twoNumbers(salesApi).start()) {
            // Meta counts 131056 per business number and person: Ana is over it with sales, for a minute.
            h.graph().keepFailingFrom(SALES, ANA, 131056, 400, Duration.ofSeconds(60));
            h.deliver(Webhooks.textTo(SALES, ANA, Webhooks.newWamid(), "hi"));

            assertThat(say(h, SUPPORT, ANA, "hola", 1)).containsExactly("Soporte: ¿qué pasó?");
            assertThat(say(h, SALES, BEN, "hi", 1)).containsExactly("Sales: which product?");
            assertThat(h.graph().texts(SALES, ANA)).isEmpty();
            assertThat(h.graph().requests(ANA)).filteredOn(r -> r.phoneNumberId().equals(SALES)).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.status()).isEqualTo(400));
        }
    }

    @Test
    void aDeliveryForAnotherNumberIsAcknowledgedCountedAndLoggedOnceButNotAnswered() {
        try (var salesApi = FakeExternalApi.start();
             var logs = LogCapture.start();
             var h = twoNumbers(salesApi).start()) {
            h.deliver(Webhooks.textTo("999000999", ANA, Webhooks.newWamid(), "hola"));
            h.deliver(Webhooks.textTo("999000999", BEN, Webhooks.newWamid(), "hola"));
            // A known number's message, after them, is answered: the others were not merely slower.
            assertThat(say(h, SUPPORT, ANA, "hola", 1)).containsExactly("Soporte: ¿qué pasó?");

            assertThat(h.graph().requests()).hasSize(1);
            assertThat(h.findSession(ANA + "?number=" + SALES)).isEmpty();
            assertThat(h.get("/metrics").body()).contains(
                    "wabot_webhook_messages_total{result=\"unknown_number\"} 2.0");
            assertThat(logs.lines()).filteredOn(line -> line.contains("phone_number_id 999000999")).hasSize(1)
                    .first().asString().contains("not processed");
        }
    }

    @Test
    void withOnePhoneNumberIdADeliveryForAnotherNumberGetsNoReplyEither() {
        try (var h = Harness.start(dir)) {
            h.deliver(Webhooks.textTo("999000999", ANA, Webhooks.newWamid(), "hola"));
            var answered = h.exchange(ANA, Webhooks.text(ANA, Webhooks.newWamid(), "hola"), 1);

            assertThat(answered).hasSize(1);
            assertThat(h.graph().requests()).hasSize(1);
            assertThat(h.session(ANA).messages()).as("only the message to this number was stored").hasSize(1);
            assertThat(h.get("/metrics").body()).contains(
                    "wabot_webhook_messages_total{result=\"unknown_number\"} 1.0");
        }
    }

    @Test
    void theOperatorEndpointsAndTheConsoleShowAndFilterByNumber() {
        try (var salesApi = FakeExternalApi.start();
             var h = twoNumbers(salesApi).start()) {
            say(h, SALES, ANA, "hi", 1);
            say(h, SUPPORT, ANA, "hola", 1);
            say(h, SUPPORT, BEN, "hola", 1);
            say(h, SUPPORT, BEN, "Se cortó", 1);
            say(h, SUPPORT, BEN, "ben@example.com", 2);

            var active = h.admin("/sessions").json();
            assertThat(active.path("count").asInt()).isEqualTo(2);
            assertThat(active.path("sessions")).extracting(s -> s.path("user").asText() + "@"
                    + s.path("number").path("name").asText()).containsExactlyInAnyOrder(ANA + "@Sales", ANA + "@Support");
            assertThat(h.admin("/sessions?number=" + SUPPORT).json().path("sessions")).singleElement()
                    .satisfies(s -> assertThat(s.path("current_question").asText()).isEqualTo("issue"));
            assertThat(h.admin("/sessions?number=123").status()).isEqualTo(404);

            var sales = h.get("/console/conversations?number=" + SALES).body();
            assertThat(sales).contains("<th>Number</th>").contains("+" + ANA).doesNotContain("+" + BEN)
                    .contains("<option value=\"" + SALES + "\" selected>Sales</option>");
            var all = h.get("/console/conversations").body();
            assertThat(all).contains("+" + ANA).contains("+" + BEN).contains("<td class=\"number\">Sales</td>")
                    .contains("<td class=\"number\">Support</td>");
            assertThat(h.get("/console").body()).contains("id=\"numbers\"").contains(SALES).contains(SUPPORT);

            var today = java.time.LocalDate.now(java.time.ZoneId.systemDefault());
            var csv = h.get("/console/export.csv?from=" + today.minusDays(1) + "&to=" + today.plusDays(1)
                    + "&number=" + SUPPORT).body().lines().toList();
            assertThat(csv.get(0)).contains("phone_number_id,number,issue,email").doesNotContain("product");
            assertThat(csv).hasSize(2);
            assertThat(csv.get(1)).contains(SUPPORT + ",Support,Se cortó,ben@example.com");
        }
    }

    @Test
    void theSimulatorWritesToTheNumberChosenAsTheSamePerson() {
        try (var salesApi = FakeExternalApi.start();
             var h = twoNumbers(salesApi).start()) {
            var browser = new wabot.testing.Browserless(h);
            var person = "SIM.123456789";
            var page = browser.page("/simulator?as=" + person + "&number=" + SUPPORT).body();
            assertThat(page).contains("data-number=\"" + SUPPORT + "\"")
                    .contains("You write to <strong>Support (" + SUPPORT + ")</strong>")
                    .contains("href=\"/simulator?as=" + person + "&number=" + SALES + "\"");

            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            for (var number : List.of(SUPPORT, SALES)) {
                var sent = browser.postJson("/simulator/api/people/" + person + "/messages?number=" + number,
                        json.createObjectNode().put("text", "hola"));
                assertThat(sent.status()).isEqualTo(202);
            }
            for (var expected : Map.of(SUPPORT, "Soporte: ¿qué pasó?", SALES, "Sales: which product?").entrySet()) {
                var told = wabot.testing.Await.value("the simulator's reply from " + expected.getKey(), () -> browser
                        .get("/simulator/api/people/" + person + "?number=" + expected.getKey()).json().path("told"),
                        t -> t.size() == 1);
                assertThat(told.get(0).path("text").asText()).isEqualTo(expected.getValue());
            }
            assertThat(h.graph().requests()).as("the simulator's people are answered on its page").isEmpty();
        }
    }

    /** Delivers a text from {@code from} to {@code number}, and returns the {@code replies} new texts it caused. */
    private static List<String> say(Harness h, String number, String from, String text, int replies) {
        int before = h.graph().texts(number, from).size();
        h.deliver(Webhooks.textTo(number, from, Webhooks.newWamid(), text));
        var texts = h.graph().awaitMessages(number, from, before + replies);
        return texts.subList(before, texts.size());
    }
}
