package wabot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The architecture guard from DESIGN.md: the conversation core depends on {@code java.*} only, and the answer types
 * beside it ({@code wabot.answers}) on {@code java.*}, the core, and one library: libphonenumber. That library is
 * allowed on purpose: reading a phone number is a deterministic function of the text and Google's numbering plans,
 * which ship inside its jar; it opens no socket, reads no file of ours, keeps no clock and starts no thread, so
 * the answer types stay table-testable functions. Nothing else (Jackson, JDBC, Javalin, logging) may come in.
 */
class ConversationPurityTest {
    private static final Path SOURCES = Path.of("src", "main", "java", "wabot");

    @Test
    void conversationSourcesImportOnlyJavaPackages() throws IOException {
        var files = sources("conversation");
        assertThat(files).extracting(file -> file.getFileName().toString())
                .contains("ConversationEngine.java", "Session.java", "Prompt.java", "Condition.java");

        assertThat(offending(files, List.of("java."))).as("non-java imports in the pure core").isEmpty();
    }

    @Test
    void answerTypesImportOnlyJavaTheCoreAndLibphonenumber() throws IOException {
        var files = sources("answers");
        assertThat(files).extracting(file -> file.getFileName().toString())
                .contains("EmailAnswer.java", "PhoneAnswer.java", "ChoiceAnswer.java", "DateAnswer.java");

        assertThat(offending(files, List.of("java.", "wabot.conversation.", "com.google.i18n.phonenumbers.")))
                .as("imports beyond java.*, the core and libphonenumber in the answer types").isEmpty();
    }

    @Test
    void theGuardCatchesAForbiddenImport() throws IOException {
        var file = Files.createTempFile("Impure", ".java");
        try {
            Files.writeString(file, "package wabot.answers;\nimport com.fasterxml.jackson.databind.ObjectMapper;\n");
            assertThat(offending(List.of(file), List.of("java.", "wabot.conversation."))).hasSize(1);
        } finally {
            Files.delete(file);
        }
    }

    private static List<Path> sources(String packageName) throws IOException {
        try (Stream<Path> listing = Files.list(SOURCES.resolve(packageName))) {
            return listing.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static List<String> offending(List<Path> files, List<String> allowed) throws IOException {
        var offending = new ArrayList<String>();
        for (var file : files) {
            for (var line : Files.readAllLines(file)) {
                var trimmed = line.strip();
                if (!trimmed.startsWith("import ")) {
                    continue;
                }
                var imported = trimmed.substring("import ".length()).replaceFirst("^static\\s+", "");
                if (allowed.stream().noneMatch(imported::startsWith)) {
                    offending.add(file.getFileName() + ": " + trimmed);
                }
            }
        }
        return offending;
    }
}
