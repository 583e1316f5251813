package wabot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Fixtures;

/** {@code check-flow FILE}: a one-screen summary and 0, or every problem and 1, without starting anything. */
class CheckFlowTest {

    @Test
    void aValidFlowPrintsItsQuestionsTypesShapesAndConditions() {
        var file = Fixtures.ROOT.resolve("examples/flows/service-request.yaml").toString();

        var run = Run.of("check-flow", file);

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith(file + ": valid. 16 questions, language es, timezone "
                        + "America/Argentina/Buenos_Aires.\n")
                .contains("  1. name           text (min_length 2; max_length 60)\n")
                .contains("  2. topic          choice (3 options as buttons: repair, install, billing)\n")
                .contains("  3. appliance      choice (6 options as a list: washer, fridge, aircon, oven, dishwasher, other)\n"
                        + "                    asked when topic is one of repair, install\n")
                .contains("  4. invoice        number (whole; min 1)\n")
                .contains("  7. visit_day      date (min tomorrow; max today+60)\n")
                .contains("  9. elevator       yes_no (2 options as buttons: yes, no)\n"
                        + "                    asked when floor ≥ 3\n")
                .contains(" 11. photo          image, optional\n")
                .contains("asked when topic is repair and appliance is one of washer, fridge, dishwasher\n")
                .contains("asked when topic is not billing\n")
                .contains(" 15. phone          phone (default_region AR)\n");
        assertThat(run.out().lines().count()).as("one screen").isLessThanOrEqualTo(40);
    }

    @Test
    void aLongMenuIsSaidToBeOne(@TempDir Path dir) throws Exception {
        var options = new StringBuilder();
        for (int i = 1; i <= 11; i++) {
            options.append("      - {id: o").append(i).append(", title: Option ").append(i).append("}\n");
        }
        var file = Files.writeString(dir.resolve("menu.yaml"),
                "questions:\n  - id: pick\n    text: Pick one\n    type: choice\n    options:\n" + options);

        assertThat(Run.of("check-flow", file.toString()).out()).contains("11 options as a numbered menu");
    }

    @Test
    void anInvalidFlowPrintsEveryProblemAndExits1(@TempDir Path dir) throws Exception {
        var file = Files.writeString(dir.resolve("bad.yaml"), """
                questions:
                  - id: age
                    text: How old are you?
                    type: numbr
                  - id: drink
                    text: Something to drink?
                    when: {agee: {gte: 18}}
                """);

        var run = Run.of("check-flow", file.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("wabot check-flow: 2 problems in " + file + ":\n"
                + file + ":4: question 1 has type 'numbr': use text, number, email, phone, date, yes_no, choice, image, "
                + "document, audio, video, media, location\n"
                + file + ":7: question 2 has 'when' on 'agee', which is not a question of this flow\n");
    }

    @Test
    void aMissingFileIsAProblemToo(@TempDir Path dir) {
        var run = Run.of("check-flow", dir.resolve("nope.yaml").toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("nope.yaml:1: cannot read the file");
    }

    @Test
    void withoutAFileItIsAUsageError() {
        var run = Run.of("check-flow");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("wabot check-flow: name the flow file to check").contains("Usage: java -jar wabot.jar check-flow FILE");
        assertThat(Run.of("check-flow", "--help").out()).contains("file:line: problem");
        assertThat(Run.of("--help").out()).contains("check-flow FILE");
    }
}
