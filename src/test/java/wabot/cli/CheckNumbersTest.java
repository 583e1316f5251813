package wabot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Fixtures;

/** {@code check-numbers FILE}: the numbers and 0, or every problem (the flows' too) and 1, without starting anything. */
class CheckNumbersTest {
    private static final String EXAMPLE = Fixtures.ROOT.resolve("examples/numbers/numbers.yaml").toString();

    @Test
    void theExampleIsValidAndItsNumbersAreListedWithoutTheirTokens() {
        var run = Run.of(Map.of("SUPPORT_WHATSAPP_TOKEN", "EAAG-secret-1", "SALES_WHATSAPP_TOKEN", "EAAG-secret-2"), "",
                "check-numbers", EXAMPLE);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).startsWith(EXAMPLE + ": valid. 2 numbers.\n")
                .containsPattern("106540352242922  Support  flow .*support-intake\\.yaml \\(4 questions\\)")
                .contains("token SUPPORT_WHATSAPP_TOKEN (set), business API EXTERNAL_API_URL, SEND_RATE_PER_SECOND")
                .containsPattern("106540352242923  Sales    flow .*lead-capture\\.yaml \\(5 questions\\)")
                .contains("token SALES_WHATSAPP_TOKEN (set), business API https://crm.example.com/wabot/leads, 20 replies/s")
                .doesNotContain("secret");
    }

    @Test
    void tokensThatAreNotSetAreProblemsUnlessTheCheckRunsElsewhere() {
        var run = Run.of("check-numbers", EXAMPLE);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).startsWith("wabot check-numbers: 2 problems in " + EXAMPLE + ":\n")
                .contains(EXAMPLE + ":8: number 106540352242922: token_env SUPPORT_WHATSAPP_TOKEN is not set")
                .contains(EXAMPLE + ":12: number 106540352242923: token_env SALES_WHATSAPP_TOKEN is not set");

        var elsewhere = Run.of("check-numbers", "--without-tokens", EXAMPLE);
        assertThat(elsewhere.status()).as(elsewhere.err()).isZero();
        assertThat(elsewhere.out()).contains("token SALES_WHATSAPP_TOKEN (not checked)");
    }

    @Test
    void aBrokenFlowIsReportedInItsOwnLines(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("flow.yaml"), "questions:\n  - id: a\n    text: A\n    tpye: number\n");
        var file = Files.writeString(dir.resolve("numbers.yaml"),
                "numbers:\n  - phone_number_id: '1'\n    name: A\n    flow: flow.yaml\n");

        var run = Run.of("check-numbers", file.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains(file + ":4: number 1: flow file " + dir.resolve("flow.yaml")
                + " is not valid (1 problem below)\n" + dir.resolve("flow.yaml") + ":4: unknown key 'tpye'");
    }

    @Test
    void oneFileIsNamed() {
        var run = Run.of("check-numbers");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("name the numbers file to check");
    }

    @Test
    void theServiceRefusesABadNumbersFileAsItDoesABadFlow(@TempDir Path dir) throws Exception {
        var file = Files.writeString(dir.resolve("numbers.yaml"), "numbers:\n  - {phone_number_id: '1', name: A}\n");

        var run = Run.of(Map.of("NUMBERS_FILE", file.toString(), "PORT", "0",
                "DATABASE_URL", "jdbc:sqlite:" + dir.resolve("x.db")), "", "serve");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("wabot: bad numbers file: " + file + ":2: number 1 has no 'flow'");
    }
}
