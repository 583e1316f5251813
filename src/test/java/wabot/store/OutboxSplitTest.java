package wabot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static wabot.store.OutboxStore.MAX_TEXT;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Replies longer than WhatsApp's 4096-character limit become several messages, cut where it does no harm. */
class OutboxSplitTest {

    private static List<String> words(String text) {
        return Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    @Test
    void textUpToTheLimitIsUnchanged() {
        var exactly = "a".repeat(MAX_TEXT);

        assertThat(OutboxStore.split("Hola")).containsExactly("Hola");
        assertThat(OutboxStore.split(exactly)).containsExactly(exactly);
        assertThat(OutboxStore.split("  padded  ")).containsExactly("  padded  ");
    }

    @Test
    void longTextIsSplitAtSpacesIntoPartsWithinTheLimitKeepingEveryWord() {
        var text = IntStream.range(0, 2000).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));

        var parts = OutboxStore.split(text);

        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(part -> {
            assertThat(part.length()).isLessThanOrEqualTo(MAX_TEXT);
            assertThat(part).isNotBlank().doesNotStartWith(" ").doesNotEndWith(" ");
        });
        assertThat(words(String.join(" ", parts))).isEqualTo(words(text));
        assertThat(String.join(" ", parts)).isEqualTo(text);
    }

    @Test
    void textWithoutSpacesIsCutHardAndLosesNothing() {
        var text = "x".repeat(MAX_TEXT * 2 + 10);

        var parts = OutboxStore.split(text);

        assertThat(parts).extracting(String::length).containsExactly(MAX_TEXT, MAX_TEXT, 10);
        assertThat(String.join("", parts)).isEqualTo(text);
    }

    @Test
    void spaceEarlyInThePartIsNotUsedSoPartsStayReasonablyFull() {
        var text = "short " + "y".repeat(MAX_TEXT * 2);

        var parts = OutboxStore.split(text);

        assertThat(parts.get(0)).hasSize(MAX_TEXT);
        assertThat(String.join("", parts)).isEqualTo(text);
    }

    @Test
    void surrogatePairIsNeverSplit() {
        var cactus = "🌵";
        for (int offset = 0; offset < 2; offset++) {
            var text = "a".repeat(offset) + cactus.repeat(MAX_TEXT);

            var parts = OutboxStore.split(text);

            assertThat(parts).as("offset %d", offset).allSatisfy(part -> {
                assertThat(part.length()).isLessThanOrEqualTo(MAX_TEXT);
                assertThat(Character.isLowSurrogate(part.charAt(0))).isFalse();
                assertThat(Character.isHighSurrogate(part.charAt(part.length() - 1))).isFalse();
            });
            assertThat(String.join("", parts)).isEqualTo(text);
        }
    }

    @Test
    void emojiNextToTheCutInWordyTextStaysWhole() {
        var text = ("palabra 🌵🍋 ").repeat(1000).strip();

        var parts = OutboxStore.split(text);

        assertThat(parts).allSatisfy(part -> {
            assertThat(part.length()).isLessThanOrEqualTo(MAX_TEXT);
            assertThat(part.codePoints().filter(cp -> Character.getType(cp) == Character.SURROGATE)).isEmpty();
        });
        assertThat(words(String.join(" ", parts))).isEqualTo(words(text));
    }

    @Test
    void whitespaceLeftAfterACutDoesNotBecomeAnEmptyMessage() {
        var text = "a".repeat(MAX_TEXT - 1) + "\n\n";

        var parts = OutboxStore.split(text);

        assertThat(parts).as("%d parts", parts.size()).hasSize(1).noneMatch(String::isBlank);
        assertThat(parts.get(0)).isEqualTo("a".repeat(MAX_TEXT - 1));
    }

    @Test
    void textBrokenOnlyByNewlinesIsCutAtANewlineNotMidWord() {
        var text = IntStream.range(0, 2000).mapToObj(i -> "line" + i).collect(Collectors.joining("\n"));

        var parts = OutboxStore.split(text);

        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(words(String.join("\n", parts))).isEqualTo(words(text));
    }
}
