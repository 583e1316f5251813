package wabot.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.yaml}: the API contract this build was made with (docs/openapi.yaml, copied into the jar by the
 * build), for the people who write the business API and for their generators. Public: it holds no secret.
 */
public final class ContractRoutes {
    /** Where the build puts docs/openapi.yaml in the jar. */
    public static final String RESOURCE = "contract/openapi.yaml";
    private final byte[] document;

    public ContractRoutes() {
        try (InputStream in = ContractRoutes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar: the build copies docs/openapi.yaml");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void serve(Context ctx) {
        ctx.contentType("application/yaml; charset=utf-8").header("Cache-Control", "no-cache").result(document);
    }
}
