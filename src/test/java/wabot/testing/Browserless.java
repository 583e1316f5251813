package wabot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The pages' HTTP as a browser speaks it, without one: cookies carried from response to request, and the CSRF
 * token the page embeds repeated on every POST.
 */
public final class Browserless {
    private static final Pattern CSRF = Pattern.compile("data-csrf=\"([0-9a-f]{32})\"|name=\"csrf\" value=\"([0-9a-f]{32})\"");
    private final Harness h;
    private final Map<String, String> cookies = new java.util.LinkedHashMap<>();
    private String csrf;

    public Browserless(Harness h) {
        this.h = h;
    }

    /** GETs a page as a browser would (Accept: text/html), keeping its cookies and CSRF token. */
    public HttpResult page(String path) {
        var result = h.get(path, Map.of("Accept", "text/html", "Cookie", cookieHeader()));
        keep(result.headers());
        var matcher = CSRF.matcher(result.body());
        if (matcher.find()) {
            csrf = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        }
        return result;
    }

    public HttpResult get(String path) {
        var result = h.get(path, Map.of("Cookie", cookieHeader()));
        keep(result.headers());
        return result;
    }

    /** POSTs JSON with the page's CSRF token. */
    public HttpResult postJson(String path, JsonNode body) {
        return post(path, body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json", true);
    }

    /** POSTs a form with the page's CSRF token as its {@code csrf} field. */
    public HttpResult postForm(String path, Map<String, String> fields) {
        var form = new StringBuilder("csrf=" + csrf);
        fields.forEach((k, v) -> form.append('&').append(k).append('=').append(Harness.encode(v)));
        return post(path, form.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded", false);
    }

    public HttpResult post(String path, byte[] body, String contentType, boolean csrfHeader) {
        var headers = new java.util.LinkedHashMap<String, String>();
        headers.put("Content-Type", contentType);
        headers.put("Cookie", cookieHeader());
        if (csrfHeader && csrf != null) {
            headers.put("X-CSRF-Token", csrf);
        }
        var result = h.post(path, body, headers);
        keep(result.headers());
        return result;
    }

    public String csrf() {
        return csrf;
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    private String cookieHeader() {
        var header = new StringBuilder();
        cookies.forEach((k, v) -> header.append(header.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        return header.toString();
    }

    private void keep(HttpHeaders headers) {
        for (var cookie : headers.allValues("Set-Cookie")) {
            var pair = cookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            var name = pair.substring(0, eq).strip();
            var value = pair.substring(eq + 1).strip();
            if (value.isEmpty() || cookie.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }
}
