package wabot.whatsapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared WhatsApp fixtures in {@code ../shared/whatsapp}, located from the project root Maven runs in. */
final class Fixtures {
    static final Path WHATSAPP = Path.of("..", "shared", "whatsapp").toAbsolutePath().normalize();
    static final Path PAYLOADS = WHATSAPP.resolve("payloads");
    static final Path SIGNATURES = WHATSAPP.resolve("signature-vectors");

    private Fixtures() {}

    static byte[] payload(String name) {
        return bytes(PAYLOADS.resolve(name));
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
