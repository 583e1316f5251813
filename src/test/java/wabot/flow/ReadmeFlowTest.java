package wabot.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import wabot.testing.Fixtures;

/** The README's examples of question types and branches are a flow wabot loads, so they never drift from it. */
class ReadmeFlowTest {

    @Test
    void theQuestionTypesAndBranchingExamplesLoadTogether() throws Exception {
        var readme = Files.readString(Fixtures.ROOT.resolve("README.md"));
        var types = yamlBlockAfter(readme, "### Question types");
        var branches = yamlBlockAfter(readme, "### Branching");

        var flow = FlowLoader.parse("questions:\n" + types + branches, "README.md");

        assertThat(flow.questions()).extracting(q -> q.type().name()).contains("text", "number", "email", "phone",
                "date", "yes_no", "choice", "document", "location");
        assertThat(flow.questions()).filteredOn(q -> !q.when().tests().isEmpty()).hasSize(5);
    }

    /** The first ```yaml block after a heading. */
    private static String yamlBlockAfter(String readme, String heading) {
        int at = readme.indexOf("```yaml\n", readme.indexOf(heading)) + "```yaml\n".length();
        return readme.substring(at, readme.indexOf("```", at));
    }
}
