package wabot.web;

import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the operator endpoints: with {@code ADMIN_TOKEN} set they need {@code Authorization: Bearer <token>};
 * without it they answer only to clients on this machine.
 */
public final class AdminAccess {
    private final byte[] expected;

    public AdminAccess(String adminToken) {
        this.expected = adminToken == null ? null : ("Bearer " + adminToken).getBytes(StandardCharsets.UTF_8);
    }

    public void check(Context ctx) {
        if (expected != null) {
            var header = ctx.header("Authorization");
            if (header == null || !MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
                throw new UnauthorizedResponse("a valid 'Authorization: Bearer <ADMIN_TOKEN>' header is required");
            }
        } else if (!isLoopback(ctx.req().getRemoteAddr())) {
            throw new UnauthorizedResponse("set ADMIN_TOKEN to use this endpoint from another machine");
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
