package wabot.whatsapp;

import java.time.Duration;
import java.util.Set;

/**
 * An error body from the Graph API, classified by its {@code error.code} the way Meta's error table says to
 * handle it. Transport failures are not GraphErrors: they surface as {@link java.io.IOException}.
 */
public final class GraphError extends Exception {
    public static final int PAIR_RATE_LIMIT = 131056;
    public static final int THROUGHPUT_LIMIT = 130429;
    public static final int TOKEN_INVALID = 190;
    private static final Set<Integer> TRANSIENT = Set.of(1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131057);

    /** How the sender must treat the failed message. */
    public enum Handling { RETRY, RETRY_THIS_USER_LATER, GIVE_UP }

    private final int httpStatus;
    private final int code;
    private final String detail;
    private final Duration retryAfter;

    public GraphError(int httpStatus, int code, String detail, Duration retryAfter) {
        super("Graph API error " + code + " (HTTP " + httpStatus + "): " + detail);
        this.httpStatus = httpStatus;
        this.code = code;
        this.detail = detail;
        this.retryAfter = retryAfter;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Meta's error code, or 0 when the body carried none. */
    public int code() {
        return code;
    }

    public String detail() {
        return detail;
    }

    /** The server's Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public Handling handling() {
        if (code == PAIR_RATE_LIMIT) {
            return Handling.RETRY_THIS_USER_LATER;
        }
        if (TRANSIENT.contains(code) || (code == 0 && (httpStatus >= 500 || httpStatus == 429))) {
            return Handling.RETRY;
        }
        return Handling.GIVE_UP;
    }
}
