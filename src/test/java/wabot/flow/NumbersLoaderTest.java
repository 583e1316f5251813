package wabot.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.numbers.BusinessNumber;

/**
 * The numbers file is read like a flow file: everything it says is checked at startup, and every problem is named
 * at its line, the problems of each number's flow file at theirs.
 */
class NumbersLoaderTest {
    private static final String FLOW = "questions:\n  - id: name\n    text: \"Name?\"\n";
    private static final NumbersLoader.Defaults DEFAULTS =
            new NumbersLoader.Defaults(URI.create("https://api.example.com/default"), 80);
    private static final Map<String, String> TOKENS = Map.of("SALES_TOKEN", "secret-sales", "SUPPORT_TOKEN", "secret-support");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        var path = dir.resolve(name);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, text);
    }

    private FlowException refused(Path file, Map<String, String> settings) {
        var error = catchThrowableOfType(FlowException.class, () -> NumbersLoader.load(file, settings, DEFAULTS));
        assertThat(error).as("%s should have been refused", file).isNotNull();
        return error;
    }

    @Test
    void readsEveryNumberWithItsFlowTokenApiAndRate() throws IOException {
        write("flows/sales.yaml", FLOW);
        write("flows/support.yaml", "questions:\n  - id: issue\n    text: \"Issue?\"\n  - id: more\n    text: \"More?\"\n");
        var file = write("numbers.yaml", """
                numbers:
                  - phone_number_id: "106540352242922"
                    name: Sales
                    flow: flows/sales.yaml
                    token_env: SALES_TOKEN
                    api_url: https://sales.example.com/wabot
                    send_rate_per_second: 20
                  - phone_number_id: 107700000000001
                    name: Support line
                    flow: flows/support.yaml
                    token_env: SUPPORT_TOKEN
                """);

        var numbers = NumbersLoader.load(file, TOKENS, DEFAULTS);

        assertThat(numbers.fromFile()).isTrue();
        assertThat(numbers.all()).extracting(BusinessNumber::phoneNumberId)
                .containsExactly("106540352242922", "107700000000001");
        var sales = numbers.all().get(0);
        assertThat(sales.name()).isEqualTo("Sales");
        assertThat(sales.flow().questions()).extracting(q -> q.id()).containsExactly("name");
        assertThat(sales.flowSource()).isEqualTo(dir.resolve("flows/sales.yaml").toString());
        assertThat(sales.tokenVariable()).isEqualTo("SALES_TOKEN");
        assertThat(sales.token()).isEqualTo("secret-sales");
        assertThat(sales.apiUrl()).isEqualTo(URI.create("https://sales.example.com/wabot"));
        assertThat(sales.sendRate()).isEqualTo(20.0);
        var support = numbers.all().get(1);
        assertThat(support.flow().questions()).hasSize(2);
        assertThat(support.apiUrl()).as("EXTERNAL_API_URL").isEqualTo(DEFAULTS.apiUrl());
        assertThat(support.sendRate()).as("SEND_RATE_PER_SECOND").isEqualTo(80.0);
        assertThat(numbers.find("107700000000001")).contains(support);
        assertThat(numbers.toString()).doesNotContain("secret");
    }

    @Test
    void aNumberWithoutTokenRunsDry() throws IOException {
        write("f.yaml", FLOW);
        var file = write("numbers.yaml", "numbers:\n  - {phone_number_id: '1', name: Staging, flow: f.yaml}\n");

        var number = NumbersLoader.load(file, Map.of(), DEFAULTS).first();

        assertThat(number.dryRun()).isTrue();
        assertThat(number.tokenVariable()).isNull();
    }

    @Test
    void everyProblemIsNamedAtItsLineWithTheFlowsOwnProblemsAfterIt() throws IOException {
        write("good.yaml", FLOW);
        write("broken.yaml", """
                questions:
                  - id: name
                    text: "Name?"
                  - id: name
                    text: "Again?"
                  - id: age
                    text: ""
                """);
        var file = write("numbers.yaml", """
                numbers:
                  - phone_number_id: "111"
                    name: Sales
                    flow: good.yaml
                    token_env: SALES_TOKEN
                  - phone_number_id: "111"
                    name: Sales again
                    flow: good.yaml
                  - phone_number_id: "222"
                    name: Support
                    flow: missing.yaml
                  - phone_number_id: "333"
                    name: Broken
                    flow: broken.yaml
                  - phone_number_id: "444"
                    name: Tokenless
                    flow: good.yaml
                    token_env: NOT_SET_ANYWHERE
                  - phone_number_id: "+54 11 5555"
                    name: Typo
                    flow: good.yaml
                  - phone_number_id: "555"
                    name: Extra
                    flow: good.yaml
                    tokn_env: SALES_TOKEN
                  - phone_number_id: "666"
                    name: Sales
                    flow: good.yaml
                    api_url: ftp://example.com
                """);

        var problems = refused(file, TOKENS).problems();

        var name = file.toString();
        assertThat(problems).containsExactly(
                name + ":6: duplicate phone_number_id '111' (first listed on line 2)",
                name + ":11: number 222: flow file " + dir.resolve("missing.yaml") + " does not exist",
                name + ":14: number 333: flow file " + dir.resolve("broken.yaml") + " is not valid (2 problems below)",
                dir.resolve("broken.yaml") + ":4: duplicate question id 'name' (first used on line 2)",
                dir.resolve("broken.yaml") + ":7: question 3 has an empty 'text'",
                name + ":18: number 444: token_env NOT_SET_ANYWHERE is not set; put the number's Graph API token in"
                        + " that variable (environment or .env)",
                name + ":19: phone_number_id must be Meta's id of the number, digits only (WhatsApp > API Setup), got"
                        + " '+54 11 5555'",
                name + ":25: unknown key 'tokn_env' in a number (known: api_url, flow, name, phone_number_id,"
                        + " send_rate_per_second, token_env)",
                name + ":27: duplicate name 'Sales' (first used on line 3): the console and the alerts tell numbers"
                        + " apart by their names");
        assertThat(String.join("\n", problems)).doesNotContain("secret");
    }

    @Test
    void theFileItselfMustListNumbers() throws IOException {
        assertThat(refused(write("a.yaml", "numbers: []\n"), TOKENS).problems())
                .containsExactly(dir.resolve("a.yaml") + ":1: 'numbers' is empty: list at least one number");
        assertThat(refused(write("b.yaml", "number:\n  - x\n"), TOKENS).problems())
                .containsExactly(dir.resolve("b.yaml") + ":1: unknown key 'number' in the numbers file (known: numbers)");
        assertThat(refused(write("c.yaml", "numbers: [\n"), TOKENS).problems()).singleElement().asString()
                .startsWith(dir.resolve("c.yaml") + ":").contains("invalid YAML");
        assertThat(refused(dir.resolve("none.yaml"), TOKENS).problems()).singleElement().asString()
                .startsWith(dir.resolve("none.yaml") + ":1: cannot read the file");
    }

    @Test
    void tokensNeedNotBeSetWhereTheFileIsOnlyChecked() throws IOException {
        write("f.yaml", FLOW);
        var file = write("numbers.yaml", "numbers:\n  - {phone_number_id: '1', name: A, flow: f.yaml, token_env: X}\n");

        var number = NumbersLoader.load(file, Map.of(), new NumbersLoader.Defaults(null, 80, false)).first();

        assertThat(number.tokenVariable()).isEqualTo("X");
        assertThat(number.token()).isNull();
    }
}
