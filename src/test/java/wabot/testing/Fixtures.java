package wabot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Meta-shaped fixtures kept in the repository under {@code src/test/resources/whatsapp} (provenance in each
 * folder's README or SOURCES.md): webhook bodies, Graph API error bodies and the signature test vector. They are
 * read as files, never from the classpath, because tests about signatures need their exact bytes, and found from
 * the project root: surefire's {@code basedir}, so that fuzz runs in another working directory find them too.
 */
public final class Fixtures {
    /** The project root. */
    public static final Path ROOT = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    public static final Path WHATSAPP = ROOT.resolve(Path.of("src", "test", "resources", "whatsapp"));
    public static final Path PAYLOADS = WHATSAPP.resolve("payloads");
    public static final Path SIGNATURES = WHATSAPP.resolve("signature-vectors");

    private Fixtures() {}

    /** {@code payloads/<name>}: one webhook POST body per file. */
    public static Path payload(String name) {
        return existing(PAYLOADS.resolve(name));
    }

    /** {@code graph-errors/<code>.json}: a Graph API error response body. */
    public static Path graphError(int code) {
        return existing(WHATSAPP.resolve("graph-errors").resolve(code + ".json"));
    }

    /** {@code signature-vectors/<name>}. */
    public static Path signatureVector(String name) {
        return existing(WHATSAPP.resolve("signature-vectors").resolve(name));
    }

    /** The exact bytes of a file, never re-encoded. */
    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("fixture not found: " + file);
        }
        return file;
    }
}
