package wabot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a person runs it: help, a refused flag, a chat scripted through a pipe, a flow checked. */
class CommandLineIT {
    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {}

    private Result jar(String input, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("wabot.jar")));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("WHATSAPP") || k.equals("EXTERNAL_API_URL")
                || k.equals("FLOW_FILE") || k.equals("DATABASE_URL") || k.equals("LOG_LEVEL"));
        var process = builder.start();
        try (var in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        var err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out, err);
    }

    @Test
    void helpAndARefusedFlag() throws Exception {
        var help = jar("", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("chat").contains("send").contains("serve");

        var bogus = jar("", "--bogus");
        assertThat(bogus.status()).isEqualTo(2);
        assertThat(bogus.err()).contains("unknown command '--bogus'").contains("Usage:");
    }

    @Test
    void aPipedChatHoldsAWholeConversation() throws Exception {
        var chat = jar("Hola\nAna\nana@example.com\nNo puedo entrar\nomitir\n", "chat");

        assertThat(chat.status()).as(chat.err()).isZero();
        assertThat(chat.out()).containsSubsequence("you › Hola", "bot › ¡Hola! Soy el asistente de soporte.",
                "you › omitir", "bot › ¡Gracias! Estamos procesando", "• name: Ana", "• issue: No puedo entrar");
        assertThat(chat.err()).doesNotContain("ERROR");
    }

    @Test
    void checkFlowSummarisesAGoodFileAndListsABadOnesProblems() throws Exception {
        var example = wabot.testing.Fixtures.ROOT.resolve("examples/flows/service-request.yaml").toString();
        var good = jar("", "check-flow", example);
        assertThat(good.status()).as(good.err()).isZero();
        assertThat(good.out()).contains("valid. 16 questions").contains("phone (default_region AR)");

        var bad = java.nio.file.Files.writeString(dir.resolve("bad.yaml"),
                "questions:\n  - {id: tel, text: Tel, type: phone, default_region: XX}\n");
        var refused = jar("", "check-flow", bad.toString());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains(bad + ":2: question 1 has default_region 'XX'");
    }
}
