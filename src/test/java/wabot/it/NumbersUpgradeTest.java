package wabot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Flows;
import wabot.testing.Harness;
import wabot.testing.StoredRows;
import wabot.testing.Webhooks;

/**
 * A single-number deployment that gets a numbers file keeps its conversations: the number it served keeps the keys it
 * always had, wherever the file lists it, and a new number starts its people afresh.
 */
class NumbersUpgradeTest {
    private static final String FIRST = Harness.PHONE_NUMBER_ID;
    private static final String SECOND = "300000000000003";
    private static final String ANA = Webhooks.USER_A;

    @TempDir
    Path dir;

    @Test
    void theFirstNumbersConversationGoesOnAfterANumbersFileListsItSecond() {
        try (var single = Harness.builder(dir).flowYaml(Flows.SHORT_YAML).start()) {
            single.exchange(ANA, "Hola", 1);
            single.exchange(ANA, "Ana", 1);
        }
        try (var h = Harness.builder(dir)
                .file("short.yaml", Flows.SHORT_YAML)
                .file("other.yaml", "questions:\n  - id: city\n    text: \"Which city?\"\n")
                .numbersYaml("""
                        numbers:
                          - {phone_number_id: "%s", name: New line, flow: other.yaml, token_env: WHATSAPP_TOKEN}
                          - {phone_number_id: "%s", name: First line, flow: short.yaml, token_env: WHATSAPP_TOKEN}
                        """.formatted(SECOND, FIRST))
                .start()) {
            // Ana's conversation with the first number goes on at its second question.
            int before = h.graph().texts(FIRST, ANA).size();
            h.deliver(Webhooks.textTo(FIRST, ANA, Webhooks.newWamid(), "ana@example.com"));
            assertThat(h.graph().awaitMessages(FIRST, ANA, before + 1).subList(before, before + 1))
                    .containsExactly(Flows.prompt(h.numbers().all().get(1).flow(), "comment"));
            // Writing to the new number starts a conversation of its own.
            h.deliver(Webhooks.textTo(SECOND, ANA, Webhooks.newWamid(), "Hi"));
            assertThat(h.graph().awaitMessages(SECOND, ANA, 1)).containsExactly("Which city?");

            var first = h.awaitSession(ANA + "?number=" + FIRST, "three answers", s -> s.answerValues().size() == 2);
            assertThat(first.answerValues()).containsOnlyKeys("name", "email");
            assertThat(first.json().path("number").path("name").asText()).isEqualTo("First line");
            // The old keys are bare; the new number's carry its scope.
            assertThat(StoredRows.query(h.database(), "SELECT phone_number_id, scope FROM numbers ORDER BY scope"))
                    .extracting(row -> row.get("phone_number_id") + "=" + row.get("scope"))
                    .containsExactly(FIRST + "=", SECOND + "=" + SECOND);
            assertThat(StoredRows.query(h.database(), "SELECT user_key FROM sessions ORDER BY user_key"))
                    .extracting(row -> row.get("user_key")).containsExactly(ANA, SECOND + ":" + ANA);
        }
    }
}
