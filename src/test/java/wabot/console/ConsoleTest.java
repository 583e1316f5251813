package wabot.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Await;
import wabot.testing.Browserless;
import wabot.testing.FakeExternalApi.Response;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.StoredRows;
import wabot.testing.Webhooks;

/**
 * The console over HTTP, as a browser speaks it: who may see it, what each page shows after real conversations, and
 * that its actions go the way a message goes (a reset is a turn, a retry reuses the Idempotency-Key, a cancelled
 * reply is never sent and does not hold the person's next replies back).
 */
class ConsoleTest {
    private static final String TOKEN = "console-admin-token";
    private static final String ANA = Webhooks.USER_A;
    private static final String BEN = Webhooks.USER_B;

    @TempDir
    Path dir;

    private Harness start() {
        return Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start();
    }

    /** Ana's whole conversation of the short flow, up to the API's final message. */
    private static void finish(Harness h, String who) {
        h.exchange(who, "Hola", 1);
        h.exchange(who, "Ana", 1);
        h.exchange(who, "ana@example.com", 1);
        h.exchange(who, "omitir", 2);
        h.awaitSettled(who);
    }

    private static String conversationId(Harness h, String who) {
        return StoredRows.query(h.database(), "SELECT conversation_id FROM conversations WHERE user_key = ?"
                + " ORDER BY id DESC LIMIT 1", who).get(0).get("conversation_id").toString();
    }

    @Test
    void withAnAdminTokenPeopleSignInAndMachinesUseTheBearerHeader() {
        try (var h = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).env("ADMIN_TOKEN", TOKEN).start()) {
            var browser = new Browserless(h);
            var away = browser.page("/console/conversations");
            assertThat(away.status()).isEqualTo(303);
            assertThat(away.headers().firstValue("Location")).hasValue("/sign-in?next=%2Fconsole%2Fconversations");
            assertThat(h.get("/console/export.csv?from=2026-01-01&to=2026-01-02").status()).isEqualTo(401);

            browser.page("/sign-in");
            var signedIn = browser.postForm("/sign-in", Map.of("token", TOKEN));
            assertThat(signedIn.headers().firstValue("Location")).as("the console is home").hasValue("/console");
            var overview = browser.page("/console");
            assertThat(overview.status()).isEqualTo(200);
            assertThat(overview.body()).contains("Sign out").contains("name=\"csrf\"");
            assertThat(h.get("/console", Map.of("Authorization", "Bearer " + TOKEN)).status()).isEqualTo(200);
        }
    }

    @Test
    void withoutAnAdminTokenTheConsoleAnswersThisMachineWithNoSignIn() {
        try (var h = start()) {
            var page = h.get("/console", Map.of("Accept", "text/html"));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("Overview").doesNotContain("Sign out");
        }
    }

    @Test
    void theOverviewCountsTodaysConversationsSubmissionsAndFailedRepliesWithTheirMeaning() {
        try (var h = start()) {
            finish(h, ANA);
            h.graph().keepFailingFor(BEN, 131047, 400, null);
            h.say(BEN, "Hola");
            h.awaitSession(BEN, "the reply refused", s -> "failed".equals(s.replies().get(0).path("status").asText()));

            var page = h.get("/console").body();

            assertThat(stat(page, "Active now")).isEqualTo("1");
            assertThat(stat(page, "Finished")).isEqualTo("1");
            assertThat(stat(page, "Abandoned")).isEqualTo("0");
            assertThat(stat(page, "Started")).isEqualTo("2");
            assertThat(page).contains("<dt><i class=\"dot done\"></i>Delivered</dt><dd>1</dd>")
                    .contains("<code>131047</code></td><td>More than 24 hours since the person last wrote")
                    .contains("Circuit <span class=\"pill finished\">Closed</span>")
                    .contains("Messages to process</dt><dd><span class=\"value\">0</span><small>none waiting</small>");
        }
    }

    @Test
    void conversationsAreFoundByPhoneAndNarrowedByStatusAndDate() {
        try (var h = start()) {
            finish(h, ANA);
            h.exchange(BEN, "Hola", 1);

            var all = h.get("/console/conversations").body();
            assertThat(rows(all)).containsExactly("+" + BEN, "+" + ANA);

            assertThat(rows(h.get("/console/conversations?q=" + Harness.encode("+1 (555) 555-0101")).body()))
                    .containsExactly("+" + ANA);
            assertThat(rows(h.get("/console/conversations?status=active").body())).containsExactly("+" + BEN);
            assertThat(rows(h.get("/console/conversations?status=finished").body())).containsExactly("+" + ANA);
            assertThat(rows(h.get("/console/conversations?from=2020-01-01&to=2020-01-31").body())).isEmpty();
            assertThat(h.get("/console/conversations?from=yesterday").body()).contains("Dates are written 2026-03-31.");
        }
    }

    @Test
    void aLongListIsPagedOlderAndNewer() {
        try (var h = start()) {
            for (int i = 0; i < 55; i++) {
                h.say("1555000" + String.format("%04d", i), "Hola");
            }
            Await.until("55 conversations", () -> StoredRows.count(h.database(), "conversations", null) == 55);

            var first = h.get("/console/conversations").body();
            assertThat(rows(first)).hasSize(50);
            var older = link(first, "next");
            var second = h.get(older).body();
            assertThat(rows(second)).hasSize(5).doesNotContainAnyElementsOf(rows(first));
            assertThat(link(second, "next")).isNull();
            assertThat(rows(h.get(link(second, "prev")).body())).isEqualTo(rows(first));
        }
    }

    @Test
    void aConversationShowsItsTranscriptWithTicksItsAnswersAndItsSubmission() {
        try (var h = start()) {
            finish(h, ANA);
            var first = h.graph().requests(ANA).get(0).wamid();
            h.deliver(Webhooks.status("status_read.json", first, ANA));
            h.graph().keepFailingFor(BEN, 131026, 400, null);
            h.say(BEN, "Hola");
            h.awaitSession(BEN, "the reply refused", s -> "failed".equals(s.replies().get(0).path("status").asText()));

            var page = h.get("/console/conversations/" + conversationId(h, ANA)).body();

            assertThat(count(page, "class=\"bubble in\"")).isEqualTo(4);
            assertThat(count(page, "class=\"bubble out\"")).isEqualTo(5);
            assertThat(page).contains("<span class=\"text\">ana@example.com</span>")
                    .contains("<span class=\"ticks read\" title=\"Read\">✓✓</span>")
                    .contains("<code>email</code>").contains("What is your email?")
                    .contains("<span class=\"pill done\">Delivered</span>")
                    .contains("&quot;email&quot; : &quot;ana@example.com&quot;")
                    .contains("your API answered");
            var ben = h.get("/console/conversations/" + conversationId(h, BEN)).body();
            assertThat(ben).contains("class=\"bubble out failed\"")
                    .contains("Not sent: 131026 — Undeliverable: not on WhatsApp, an old app, or Meta&#39;s terms not accepted")
                    .contains("id=\"reset\"");
            assertThat(h.get("/console/conversations/no-such-id").status()).isEqualTo(404);
        }
    }

    @Test
    void aFailedSubmissionIsRetriedWithTheSameIdempotencyKeyAndThePersonIsNotWrittenToAgain() {
        try (var h = start()) {
            h.api().respondWith(call -> Response.json(500, "{\"error\":\"down\"}"));
            finish(h, ANA);
            var failed = h.api().calls().get(0);
            var conversation = conversationId(h, ANA);
            int texts = h.graph().texts(ANA).size();
            h.api().respondWith(call -> Response.finish("too late"));

            var browser = new Browserless(h);
            var page = browser.page("/console/conversations/" + conversation);
            assertThat(page.body()).contains("<span class=\"pill failed\">Failed</span>").contains("Retry now");
            var submission = StoredRows.query(h.database(), "SELECT id FROM submissions").get(0).get("id");
            var done = browser.postForm("/console/conversations/" + conversation + "/submissions/" + submission
                    + "/retry", Map.of());

            assertThat(done.status()).isEqualTo(303);
            assertThat(done.headers().firstValue("Location")).hasValue("/console/conversations/" + conversation
                    + "?done=retried");
            var again = h.api().awaitCalls(2).get(1);
            assertThat(again.idempotencyKey()).isEqualTo(failed.idempotencyKey()).isEqualTo(submission);
            assertThat(again.rawBody()).isEqualTo(failed.rawBody());
            Await.until("the submission delivered", () -> browser.page("/console/conversations/" + conversation)
                    .body().contains("<span class=\"pill done\">Delivered</span>"));
            assertThat(h.graph().texts(ANA)).as("the person's chat stays closed").hasSize(texts);
            assertThat(browser.postForm("/console/conversations/" + conversation + "/submissions/" + submission
                    + "/retry", Map.of()).headers().firstValue("Location")).hasValue(
                    "/console/conversations/" + conversation + "?done=not-failed");
        }
    }

    @Test
    void aCancelledReplyIsNeverSentAndTheNextRepliesGoOn() {
        try (var h = start()) {
            h.graph().keepFailingFor(ANA, 131000, 500, null);
            h.say(ANA, "Hola");
            h.awaitSession(ANA, "the first reply retried", s -> s.replies().get(0).path("attempts").asInt() >= 1);
            var conversation = conversationId(h, ANA);
            var browser = new Browserless(h);
            var page = browser.page("/console/conversations/" + conversation).body();
            assertThat(page).contains("class=\"bubble out pending\"").contains("Cancel this reply")
                    .contains("Waiting to be sent; 1 try so far, last: 131000 — Something went wrong at Meta; retried");
            var reply = StoredRows.query(h.database(), "SELECT id FROM outbox").get(0).get("id");

            var done = browser.postForm("/console/conversations/" + conversation + "/replies/" + reply + "/cancel",
                    Map.of());
            h.graph().stopFailingFor(ANA);
            var next = h.exchange(ANA, "Ana", 1);

            assertThat(done.headers().firstValue("Location")).hasValue("/console/conversations/" + conversation
                    + "?done=cancelled");
            assertThat(next).containsExactly("What is your email?");
            assertThat(h.graph().texts(ANA)).doesNotContain("What is your name?");
            assertThat(browser.page("/console/conversations/" + conversation).body())
                    .contains("class=\"bubble out cancelled\"").contains("Cancelled by an operator: never sent");
        }
    }

    @Test
    void aResetIsATurnThatEndsTheConversation() {
        try (var h = start()) {
            h.exchange(ANA, "Hola", 1);
            var conversation = conversationId(h, ANA);
            var browser = new Browserless(h);
            browser.page("/console/conversations/" + conversation);

            var done = browser.postForm("/console/conversations/" + conversation + "/reset", Map.of());

            assertThat(done.headers().firstValue("Location")).hasValue("/console/conversations/" + conversation
                    + "?done=reset");
            assertThat(StoredRows.query(h.database(), "SELECT status FROM conversations").get(0))
                    .containsEntry("status", "reset");
            assertThat(h.get("/metrics").body()).contains("wabot_turns_total{outcome=\"reset\"} 1.0");
            assertThat(h.exchange(ANA, "Ana", 1)).as("her next message starts over").containsExactly("What is your name?");
        }
    }

    @Test
    void actionsWithoutThePagesCsrfTokenAreRefused() {
        try (var h = start()) {
            h.exchange(ANA, "Hola", 1);
            var conversation = conversationId(h, ANA);

            var forged = h.post("/console/conversations/" + conversation + "/reset", "x=1".getBytes(),
                    Map.of("Content-Type", "application/x-www-form-urlencoded"));

            assertThat(forged.status()).isEqualTo(403);
            assertThat(StoredRows.query(h.database(), "SELECT status FROM conversations").get(0))
                    .containsEntry("status", "active");
        }
    }

    private static String stat(String page, String label) {
        var m = Pattern.compile("<span class=\"label\">" + label + "</span><span class=\"value\">([^<]*)</span>")
                .matcher(page);
        return m.find() ? m.group(1) : null;
    }

    /** The contact line of each listed conversation, in order. */
    private static List<String> rows(String page) {
        var m = Pattern.compile("<tr data-href=[^>]*><td><a [^>]*><span class=\"person\"><strong[^>]*>[^<]*</strong><small>([^<]*)</small>")
                .matcher(page);
        var rows = new java.util.ArrayList<String>();
        while (m.find()) {
            rows.add(m.group(1));
        }
        return rows;
    }

    private static String link(String page, String rel) {
        var m = Pattern.compile("rel=\"" + rel + "\" href=\"([^\"]*)\"").matcher(page);
        return m.find() ? m.group(1).replace("&amp;", "&") : null;
    }

    private static int count(String page, String fragment) {
        return page.split(Pattern.quote(fragment), -1).length - 1;
    }
}
