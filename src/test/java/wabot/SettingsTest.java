package wabot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional {@code .env} file, and the real environment overriding it. */
class SettingsTest {

    @Test
    void parsesCommentsExportQuotesAndInlineComments() {
        var values = Settings.parse("""
                # wabot settings
                PORT=9000

                export APP_SECRET=abc123
                  VERIFY_TOKEN = "my token # not a comment"
                GRAPH_API_VERSION='v21.0'
                SESSION_TTL=30m # half an hour
                EMPTY=
                not a setting line
                =no-key
                """);

        assertThat(values).containsOnly(
                entry("PORT", "9000"),
                entry("APP_SECRET", "abc123"),
                entry("VERIFY_TOKEN", "my token # not a comment"),
                entry("GRAPH_API_VERSION", "v21.0"),
                entry("SESSION_TTL", "30m"),
                entry("EMPTY", ""));
    }

    @Test
    void valueMayContainEqualsSigns() {
        assertThat(Settings.parse("DATABASE_URL=jdbc:postgresql://db/w?user=a&password=b=c"))
                .containsEntry("DATABASE_URL", "jdbc:postgresql://db/w?user=a&password=b=c");
    }

    @Test
    void windowsLineEndingsAreAccepted() {
        assertThat(Settings.parse("PORT=9000\r\nSESSION_TTL=1h\r\n"))
                .containsOnly(entry("PORT", "9000"), entry("SESSION_TTL", "1h"));
    }

    @Test
    void environmentOverridesTheDotEnvFile(@TempDir Path dir) throws IOException {
        var dotEnv = Files.writeString(dir.resolve(".env"), """
                PORT=9000
                SESSION_TTL=30m
                """);

        var merged = Settings.load(Map.of("PORT", "9100", "APP_SECRET", "s"), dotEnv);

        assertThat(merged).containsOnly(entry("PORT", "9100"), entry("SESSION_TTL", "30m"), entry("APP_SECRET", "s"));
        var config = Config.from(merged);
        assertThat(config.port()).isEqualTo(9100);
        assertThat(config.sessionTtl()).hasMinutes(30);
    }

    @Test
    void missingDotEnvFileIsFine(@TempDir Path dir) {
        assertThat(Settings.load(Map.of("PORT", "9100"), dir.resolve(".env"))).containsOnly(entry("PORT", "9100"));
    }
}
