package wabot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Harness;

/** {@code wabot send} against the real server with signatures checked: what a deployment check sees. */
class SendTest {
    private static final String SECRET = "test-app-secret-not-real";

    @TempDir
    Path dir;

    private Map<String, String> env(Harness h) {
        var env = new HashMap<String, String>();
        env.put("APP_SECRET", SECRET);
        env.put("PHONE_NUMBER_ID", Harness.PHONE_NUMBER_ID);
        env.put("PORT", Integer.toString(h.port()));
        return env;
    }

    private Harness start() {
        return Harness.builder(dir).env("APP_SECRET", SECRET).start();
    }

    @Test
    void withNoFlagItPostsOneSignedHolaToTheLocalService() {
        try (var h = start()) {
            var run = Run.of(env(h), "", "send");

            assertThat(run.status()).isZero();
            assertThat(run.out()).contains("POST http://localhost:" + h.port() + "/webhook (signed with APP_SECRET)")
                    .contains("200 in");
            var session = h.awaitSettled("15555550199");
            assertThat(session.messages()).hasSize(1);
            assertThat(session.messages().get(0).path("body").asText()).isEqualTo("Hola");
            assertThat(h.graph().awaitMessages("15555550199", 1)).hasSize(1);
        }
    }

    @Test
    void nonAsciiTextIsEscapedAsMetaDoesAndStillVerifies() {
        try (var h = start()) {
            var run = Run.of(env(h), "", "send", "--to", h.uri("/webhook").toString(), "--text", "Ação ✓ 😀 / fin",
                    "--from", "+5491155550000");

            assertThat(run.status()).isZero();
            var session = h.awaitSettled("5491155550000");
            assertThat(session.messages().get(0).path("body").asText()).isEqualTo("Ação ✓ 😀 / fin");
        }
    }

    @Test
    void aWrongSecretShowsUpAsA401WithAHint() {
        try (var h = start()) {
            var run = Run.of(env(h), "", "send", "--secret", "not-the-secret");

            assertThat(run.status()).isEqualTo(1);
            assertThat(run.out()).contains("401 in").contains("the signature did not match");
            assertThat(h.findSession("15555550199")).isEmpty();
        }
    }

    @Test
    void twiceIsARedeliveryTheBotTakesOnce() {
        try (var h = start()) {
            var run = Run.of(env(h), "", "send", "--twice");

            assertThat(run.out().split("200 in", -1)).hasSize(3);
            assertThat(h.awaitSettled("15555550199").messages()).hasSize(1);
            assertThat(h.graph().texts("15555550199")).hasSize(1);
        }
    }

    @Test
    void batchCarriesSeveralMessagesInOnePost() {
        try (var h = start()) {
            var run = Run.of(env(h), "", "send", "--batch", "5", "--text", "uno");

            assertThat(run.status()).isZero();
            assertThat(run.out().split("200 in", -1)).hasSize(2);
            assertThat(h.awaitSettled("15555550199").messages()).extracting(m -> m.path("body").asText())
                    .containsExactly("uno 1", "uno 2", "uno 3", "uno 4", "uno 5");
        }
    }

    @Test
    void aTapAndAStatusAreDeliveredToo() {
        try (var h = start()) {
            assertThat(Run.of(env(h), "", "send").status()).isZero();
            h.graph().awaitMessages("15555550199", 1);
            var reply = h.awaitSettled("15555550199").replies().get(0);
            var wamid = reply.path("wamid").asText();

            assertThat(Run.of(env(h), "", "send", "--tap", "ana:Ana").status()).isZero();
            assertThat(Run.of(env(h), "", "send", "--status", "read", "--wamid", wamid).status()).isZero();

            var session = h.awaitSession("15555550199", "tap taken and reply read", s ->
                    s.messages().size() == 2 && "read".equals(s.replies().get(0).path("delivery").asText()));
            assertThat(session.messages().get(1).path("choice_id").asText()).isEqualTo("ana");
            assertThat(session.answers()).extracting(a -> a.path("value").asText()).containsExactly("Ana");
        }
    }

    @Test
    void statusNeedsTheMessageItIsAbout() {
        var run = Run.of(Map.of(), "", "send", "--status", "read");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--status needs --wamid");
    }

    @Test
    void aDeliveryToAnotherNumberIsAcknowledgedAndNotAnswered() {
        try (var h = start()) {
            var run = Run.of(env(h), "", "send", "--number", "999000999", "--from", "+5491155550001");

            assertThat(run.status()).isZero();
            assertThat(run.out()).contains("phone_number_id 999000999").contains("200 in");
            var ok = Run.of(env(h), "", "send", "--from", "+5491155550002");
            assertThat(ok.status()).isZero();
            assertThat(h.graph().awaitMessages("5491155550002", 1)).hasSize(1);
            assertThat(h.findSession("5491155550001")).isEmpty();
            assertThat(h.graph().requests("5491155550001")).isEmpty();
        }
    }

    @Test
    void withANumbersFileTheNumberMustBeNamed() {
        try (var h = start()) {
            var env = env(h);
            env.remove("PHONE_NUMBER_ID");
            env.put("NUMBERS_FILE", "numbers.yaml");

            var run = Run.of(env, "", "send");

            assertThat(run.status()).isEqualTo(2);
            assertThat(run.err()).contains("name the number to write to with --number");
        }
    }
}
