package wabot.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Contract;
import wabot.testing.Fixtures;
import wabot.testing.Harness;
import wabot.testing.Node;
import wabot.testing.Webhooks;

/**
 * The example business API (examples/business-api/server.js, plain Node.js) against the real wabot with the example
 * numbers file: a support conversation and a sales one end with the example's replies, the sales one after the
 * question the example adds; and every reply it gave, to wabot or to each of the contract's example submissions,
 * fits the contract.
 */
@ExtendWith(Node.class)
class BusinessApiExampleTest {
    private static final String SUPPORT = "106540352242922";
    private static final String SALES = "106540352242923";
    private static final String ANA = Webhooks.USER_A;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    @TempDir
    Path dir;

    private Process example;
    private String url;

    @BeforeEach
    void startTheExample() throws Exception {
        var folder = Fixtures.ROOT.resolve("examples/business-api");
        var builder = new ProcessBuilder(Node.executable().orElseThrow().toString(), "server.js")
                .directory(folder.toFile()).redirectErrorStream(true);
        builder.environment().put("PORT", "0");
        builder.environment().put("WABOT_PATH", "/wabot");
        example = builder.start();
        var reader = new BufferedReader(new InputStreamReader(example.getInputStream(), StandardCharsets.UTF_8));
        var first = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        var matcher = first == null ? null : LISTENING.matcher(first);
        assertThat(matcher != null && matcher.find()).as("the example's first line: %s", first).isTrue();
        url = matcher.group(1);
        // Keep draining what it logs, so that it never blocks on a full pipe.
        CompletableFuture.runAsync(() -> reader.lines().forEach(line -> { }));
    }

    @AfterEach
    void stopTheExample() throws InterruptedException {
        example.destroy();
        if (!example.waitFor(10, TimeUnit.SECONDS)) {
            example.destroyForcibly();
        }
    }

    @Test
    void wabotAndTheExampleHoldBothConversationsOfOnePerson() throws Exception {
        var flows = Fixtures.ROOT.resolve("examples/flows");
        try (var h = Harness.builder(dir)
                // The example numbers file, with both numbers posting to the example (its sales CRM is made up).
                .numbersYaml("""
                        numbers:
                          - {phone_number_id: "%s", name: Support, flow: %s, token_env: SUPPORT_WHATSAPP_TOKEN}
                          - {phone_number_id: "%s", name: Sales, flow: %s, token_env: SALES_WHATSAPP_TOKEN}
                        """.formatted(SUPPORT, flows.resolve("support-intake.yaml"), SALES,
                        flows.resolve("lead-capture.yaml")))
                .env("EXTERNAL_API_URL", url)
                .env("SUPPORT_WHATSAPP_TOKEN", "support-token-not-real")
                .env("SALES_WHATSAPP_TOKEN", "sales-token-not-real")
                .start()) {
            var support = new String[] {"Hola", "Ana", "ana@example.com", "No puedo entrar", "omitir"};
            var sales = new String[] {"Hi", "Ana", "Acme", "A CRM for 12 people", "skip", "skip"};
            for (int i = 0; i < sales.length; i++) {
                if (i < support.length) {
                    say(h, SUPPORT, support[i]);
                }
                say(h, SALES, sales[i]);
            }
            var asked = h.graph().awaitMessages(SALES, ANA, 8);
            assertThat(asked.subList(6, 8)).containsExactly("Thanks, Ana. One more question.",
                    "How many people are on your team?");
            say(h, SALES, "12");

            assertThat(h.graph().awaitMessages(SALES, ANA, 10).get(9)).matches("Ticket 100[12] is open, Ana\\..*");
            assertThat(h.graph().awaitMessages(SUPPORT, ANA, 6).get(5)).matches("Ticket 100[12] is open, Ana\\..*");
            var salesSession = h.awaitSettled(ANA + "?number=" + SALES);
            assertThat(salesSession.answerValues()).containsEntry("team_size", "12");
            var replies = new java.util.ArrayList<String>();
            salesSession.submissions().forEach(s -> replies.add(s.path("response").asText()));
            h.awaitSettled(ANA + "?number=" + SUPPORT).submissions()
                    .forEach(s -> replies.add(s.path("response").asText()));
            assertThat(replies).hasSize(3).allSatisfy(reply ->
                    assertThat(Contract.get().reply(reply)).as(reply).isEmpty());
        }
    }

    private static void say(Harness h, String number, String text) {
        int before = h.graph().texts(number, ANA).size();
        h.deliver(Webhooks.textTo(number, ANA, Webhooks.newWamid(), text));
        h.graph().awaitMessages(number, ANA, before + 1);
    }

    @Test
    void theExampleAnswersEveryExampleSubmissionOfTheContractWithAValidReply() throws Exception {
        var http = HttpClient.newHttpClient();
        var examples = Contract.get().document().at(Contract.pointer("webhooks", "submission", "post", "requestBody",
                "content", "application/json", "examples"));
        int answered = 0;
        for (var it = examples.fieldNames(); it.hasNext(); ) {
            var name = it.next();
            var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(examples.path(name).path("value").toString())).build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(name).isEqualTo(200);
            assertThat(Contract.get().reply(response.body())).as(name + ": " + response.body()).isEmpty();
            answered++;
        }
        assertThat(answered).isEqualTo(3);
    }
}
