package wabot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.FakeExternalApi;

/**
 * {@code wabot chat} with piped input, in this JVM: a whole conversation through the pipeline, the stand-in API or
 * the real one, the session as stored, and what is still owed at the end of input.
 */
class ChatTest {
    @TempDir
    Path dir;

    private Map<String, String> env() {
        return Map.of("DATABASE_URL", "jdbc:sqlite:" + dir.resolve("unused.db"), "POLL_INTERVAL", "100ms");
    }

    @Test
    void scriptedConversationEndsWithTheStandInListingTheAnswers() {
        var run = Run.of(env(), "Hola\nAna\nana@example.com\nNo puedo entrar\nomitir\n/session\n", "chat");

        assertThat(run.status()).isZero();
        assertThat(run.out()).containsSubsequence(
                "No EXTERNAL_API_URL: a built-in stand-in answers",
                "you › Hola", "bot › ¡Hola! Soy el asistente de soporte. ¿Cuál es tu nombre?",
                "you › Ana", "bot › ¿Cuál es tu email?",
                "you › ana@example.com", "bot › ¿En qué podemos ayudarte?",
                "you › No puedo entrar", "bot › ¿Algo más que agregar?",
                "you › omitir", "bot › ¡Gracias! Estamos procesando tus respuestas",
                "[stand-in business API", "• name: Ana", "• email: ana@example.com", "• issue: No puedo entrar",
                "you › /session", "state CONVERSATION_ENDED", "name = Ana", "owed: 0 messages, 0 replies, 0 submissions");
        assertThat(run.out()).doesNotContain("• comment");
        // The named database was not used: the chat keeps its conversation in a throwaway file unless told.
        assertThat(dir.resolve("unused.db")).doesNotExist();
    }

    @Test
    void withAnApiConfiguredTheRealOneIsCalled() {
        try (var api = FakeExternalApi.start()) {
            api.enqueue(FakeExternalApi.Response.finish("Ticket 42 abierto."));
            var env = new java.util.HashMap<>(env());
            env.put("EXTERNAL_API_URL", api.url());
            var run = Run.of(env, "Hola\nAna\nana@example.com\nNo puedo entrar\nomitir\n", "chat", "--as", "+5491155550000");

            assertThat(run.status()).isZero();
            assertThat(run.out()).contains("Submissions go to 127.0.0.1").contains("bot › Ticket 42 abierto.")
                    .doesNotContain("stand-in");
            var call = api.awaitCalls(1).get(0);
            assertThat(call.userPhone()).isEqualTo("+5491155550000");
            assertThat(call.answers()).containsEntry("name", "Ana").containsEntry("issue", "No puedo entrar");
        }
    }

    @Test
    void aNamedDatabaseKeepsTheConversationForTheNextChat() {
        var url = "jdbc:sqlite:" + dir.resolve("kept.db");
        assertThat(Run.of(env(), "Hola\nAna\n", "chat", "--database", url).out()).contains("bot › ¿Cuál es tu email?");

        var again = Run.of(env(), "/session\nana@example.com\n", "chat", "--database", url);

        assertThat(again.out()).contains("state WAITING_FOR_ANSWER").contains("name = Ana")
                .contains("bot › ¿En qué podemos ayudarte?");
        assertThat(Files.exists(dir.resolve("kept.db"))).isTrue();
    }

    @Test
    void atTheEndOfInputWhatIsStillOwedIsShown() {
        try (var api = FakeExternalApi.start()) {
            api.enqueue(FakeExternalApi.Response.finish("too late").held());
            var env = new java.util.HashMap<>(env());
            env.put("EXTERNAL_API_URL", api.url());
            env.put("EXTERNAL_API_TIMEOUT", "40s");
            var flow = dir.resolve("one.yaml");
            writeFlow(flow);
            var run = Run.of(env, "Hola\nAna\n", "chat", "--flow", flow.toString(), "--wait", "2");

            assertThat(run.out()).contains("bot › ¡Gracias! Estamos procesando tus respuestas")
                    .contains("At the end of input the bot still owes: 0 replies, 1 submissions");
            assertThat(run.status()).isEqualTo(1);
            api.release();
        }
    }

    @Test
    void chatCommandsAreNotSentToTheBot() {
        var flow = dir.resolve("one.yaml");
        writeFlow(flow);
        var run = Run.of(env(), "Hola\n/help\n/nonsense\nAna\n", "chat", "--flow", flow.toString());

        assertThat(run.out()).contains("/session  the session as stored").contains("unknown command /nonsense")
                .contains("• name: Ana");
        assertThat(run.out()).doesNotContain("• name: /help");
    }

    @Test
    void buttonsAndListsArePickedByNumberAndANumberAfterThemIsJustANumber() throws Exception {
        var flow = Files.writeString(dir.resolve("typed.yaml"), """
                questions:
                  - id: topic
                    text: "¿Sobre qué?"
                    type: choice
                    options:
                      - {id: billing, title: "Facturación"}
                      - {id: refunds, title: "Reembolsos"}
                      - {id: other, title: "Otro"}
                  - {id: people, text: "¿Cuántas personas?", type: number}
                  - {id: urgent, text: "¿Es urgente?", type: yes_no}
                """);

        var run = Run.of(env(), "Hola\n2\n2\nquizás\n1\n", "chat", "--flow", flow.toString());

        assertThat(run.status()).isZero();
        assertThat(run.out()).containsSubsequence(
                "bot › ¿Sobre qué?", "1) Facturación", "2) Reembolsos", "3) Otro",
                "you › 2", "tapped “Reembolsos”", "bot › ¿Cuántas personas?",
                "you › 2", "bot › ¿Es urgente?", "1) Sí", "2) No",
                "you › quizás", "bot › Responde sí o no.", "¿Es urgente?",
                "you › 1", "tapped “Sí”",
                "• topic: refunds", "• people: 2", "• urgent: true");
        assertThat(run.out()).as("the number question had no options to tap").containsOnlyOnce("tapped “Reembolsos”");
    }

    private static void writeFlow(Path file) {
        try {
            Files.writeString(file, "questions:\n  - id: name\n    text: \"¿Nombre?\"\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void withANumbersFileTheChatWritesToTheNumberNamed() {
        var env = new java.util.HashMap<>(env());
        env.put("NUMBERS_FILE", wabot.testing.Fixtures.ROOT.resolve("examples/numbers/numbers.yaml").toString());

        var sales = Run.of(env, "Hi\n/session\n", "chat", "--number", "106540352242923");
        assertThat(sales.status()).as(sales.err()).isIn(0, 1);
        assertThat(sales.out()).contains("wabot chat: Sales (106540352242923), flow ")
                .contains("bot › Hi! Thanks for reaching out. What's your name?");

        var first = Run.of(env, "Hola\n", "chat");
        assertThat(first.out()).contains("Support (106540352242922)")
                .contains("bot › ¡Hola! Soy el asistente de soporte. ¿Cuál es tu nombre?");

        var unknown = Run.of(env, "", "chat", "--number", "42");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("--number 42 is not in").contains("106540352242922, 106540352242923");
    }

    @Test
    void aNumberNeedsANumbersFile() {
        var run = Run.of(env(), "", "chat", "--number", "106540352242923");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--number picks one of the numbers of NUMBERS_FILE, and none is set");
    }
}
