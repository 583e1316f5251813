package wabot.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import wabot.testing.Fixtures;

/**
 * The webhook payload corpus ({@link Fixtures#PAYLOADS}): real shapes of what Meta sends, which the
 * structure-aware fuzz targets mutate.
 */
public final class Payloads {
    /** The project root (see {@link Fixtures#ROOT}): fuzz runs work in target/jazzer. */
    public static final Path ROOT = Fixtures.ROOT;
    public static final Path DIR = Fixtures.PAYLOADS;
    private static List<JsonNode> trees;

    private Payloads() {}

    /** Every {@code *.json} payload as a Jackson tree, in file-name order; fails loudly if the corpus is missing. */
    public static synchronized List<JsonNode> trees() {
        if (trees == null) {
            if (!Files.isDirectory(DIR)) {
                throw new IllegalStateException("the payload corpus is missing: expected " + DIR);
            }
            var json = new ObjectMapper();
            var loaded = new ArrayList<JsonNode>();
            try (Stream<Path> files = Files.list(DIR)) {
                for (var file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                    loaded.add(json.readTree(file.toFile()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (loaded.isEmpty()) {
                throw new IllegalStateException("no *.json payloads in " + DIR.toAbsolutePath().normalize());
            }
            trees = List.copyOf(loaded);
        }
        return trees;
    }
}
