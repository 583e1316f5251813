package wabot.whatsapp;

import java.time.Instant;

/**
 * Meta's news about a message wabot sent: {@code sent}, {@code delivered}, {@code read}, {@code played} or
 * {@code failed}, the last with the error that explains it.
 */
public record StatusUpdate(String wamid, String status, Instant at, Integer errorCode, String errorDetail,
                           String numberId) {
    public StatusUpdate(String wamid, String status, Instant at, Integer errorCode, String errorDetail) {
        this(wamid, status, at, errorCode, errorDetail, null);
    }

    /** This status, reported by {@code numberId} ({@code metadata.phone_number_id}; null when the delivery did not say). */
    public StatusUpdate from(String numberId) {
        return new StatusUpdate(wamid, status, at, errorCode, errorDetail, numberId);
    }

    public boolean failed() {
        return "failed".equals(status);
    }
}
