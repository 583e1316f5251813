package wabot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared fixtures folder that sits beside the project: {@code ../shared}, resolved from the Maven working
 * directory (the project root). In CI the project is cloned elsewhere with a copy of {@code shared/} beside it,
 * so nothing here names an absolute path. The system property {@code wabot.shared} overrides the location, for
 * IDEs that run tests from another working directory.
 */
public final class Shared {
    private Shared() {}

    /** The shared folder; fails with a clear message when it is missing. */
    public static Path root() {
        var configured = System.getProperty("wabot.shared");
        var root = (configured != null ? Path.of(configured) : Path.of("..", "shared")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("whatsapp"))) {
            throw new IllegalStateException("the shared fixtures folder is missing: expected " + root
                    + " (../shared beside the project root) with a whatsapp/ folder inside");
        }
        return root;
    }

    /** {@code shared/whatsapp/payloads/<name>}: one webhook POST body per file. */
    public static Path payload(String name) {
        return existing(root().resolve("whatsapp").resolve("payloads").resolve(name));
    }

    /** {@code shared/whatsapp/graph-errors/<code>.json}: a Graph API error response body. */
    public static Path graphError(int code) {
        return existing(root().resolve("whatsapp").resolve("graph-errors").resolve(code + ".json"));
    }

    /** {@code shared/whatsapp/signature-vectors/<name>}. */
    public static Path signatureVector(String name) {
        return existing(root().resolve("whatsapp").resolve("signature-vectors").resolve(name));
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
            throw new IllegalStateException("shared fixture not found: " + file);
        }
        return file;
    }
}
