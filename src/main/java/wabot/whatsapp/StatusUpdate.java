package wabot.whatsapp;

import java.time.Instant;

/**
 * Meta's news about a message wabot sent: {@code sent}, {@code delivered}, {@code read}, {@code played} or
 * {@code failed}, the last with the error that explains it.
 */
public record StatusUpdate(String wamid, String status, Instant at, Integer errorCode, String errorDetail) {
    public boolean failed() {
        return "failed".equals(status);
    }
}
