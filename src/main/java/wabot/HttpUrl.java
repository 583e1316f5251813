package wabot;

import java.net.URI;
import java.util.Optional;

/** What a setting or a numbers file may name as a URL wabot posts to: http or https, with a host. */
public final class HttpUrl {
    private HttpUrl() {}

    /** The URL, or empty when {@code value} is not an absolute http:// or https:// URL with a host. */
    public static Optional<URI> parse(String value) {
        try {
            var uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (IllegalArgumentException notAUri) {
            // not a URL at all: empty, as for any other
        }
        return Optional.empty();
    }
}
