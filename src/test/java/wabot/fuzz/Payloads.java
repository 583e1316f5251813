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

/**
 * The shared webhook payload corpus, {@code ../shared/whatsapp/payloads} beside the project root: real shapes
 * of what Meta sends, which the structure-aware fuzz targets mutate.
 */
public final class Payloads {
    /**
     * The project root: surefire's {@code basedir} property, so that fuzz runs may use another working
     * directory (target/jazzer, where Jazzer writes its corpus and findings); else the working directory.
     */
    public static final Path ROOT = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    public static final Path DIR = ROOT.resolve(Path.of("..", "shared", "whatsapp", "payloads"));
    private static List<JsonNode> trees;

    private Payloads() {}

    /** Every {@code *.json} payload as a Jackson tree, in file-name order; fails loudly if the corpus is missing. */
    public static synchronized List<JsonNode> trees() {
        if (trees == null) {
            if (!Files.isDirectory(DIR)) {
                throw new IllegalStateException("the shared payload corpus is missing: expected "
                        + DIR.toAbsolutePath().normalize() + " (../shared beside the project root)");
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
