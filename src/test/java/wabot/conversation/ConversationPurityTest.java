package wabot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The architecture guard from DESIGN.md: the conversation core depends on {@code java.*} only. */
class ConversationPurityTest {
    private static final Path SOURCES = Path.of("src", "main", "java", "wabot", "conversation");

    @Test
    void conversationSourcesImportOnlyJavaPackages() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(SOURCES)) {
            files = listing.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(files).as("sources under %s", SOURCES.toAbsolutePath())
                .extracting(file -> file.getFileName().toString())
                .contains("ConversationEngine.java", "Session.java");

        var offending = new ArrayList<String>();
        for (var file : files) {
            for (var line : Files.readAllLines(file)) {
                var trimmed = line.strip();
                if (!trimmed.startsWith("import ")) {
                    continue;
                }
                var imported = trimmed.substring("import ".length()).replaceFirst("^static\\s+", "");
                if (!imported.startsWith("java.")) {
                    offending.add(file.getFileName() + ": " + trimmed);
                }
            }
        }
        assertThat(offending).as("non-java imports in the pure core").isEmpty();
    }
}
