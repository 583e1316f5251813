package wabot.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pages' scripts and styles, shipped in the jar under {@code web/} and served from {@code /assets/}. Each URL
 * carries a hash of the file's content, so a browser may keep a file for a long time and still gets the new one
 * after an upgrade. There is no build step and no CDN.
 */
public final class Assets {
    private static final List<String> FILES = List.of("wabot.css", "simulator.js", "simulator.css", "console.css",
            "console.js");
    private static final Map<String, String> TYPES = Map.of("css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml");

    private record Asset(byte[] bytes, String version) {}

    private final Map<String, Asset> assets = new ConcurrentHashMap<>();

    public Assets() {
        for (var name : FILES) {
            var bytes = read(name);
            assets.put(name, new Asset(bytes, HexFormat.of().formatHex(sha256(bytes), 0, 4)));
        }
    }

    /** The URL of an asset, with its version. */
    public String url(String name) {
        var asset = assets.get(name);
        if (asset == null) {
            throw new IllegalArgumentException("no asset " + name);
        }
        return "/assets/" + name + "?v=" + asset.version();
    }

    /** {@code GET /assets/{name}}. */
    public void serve(Context ctx) {
        var name = ctx.pathParam("name");
        var asset = assets.get(name);
        if (asset == null) {
            throw new NotFoundResponse("no asset " + name);
        }
        var type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
        ctx.header("Cache-Control", "public, max-age=86400").contentType(type).result(asset.bytes());
    }

    private static byte[] read(String name) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream("web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("asset web/" + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
