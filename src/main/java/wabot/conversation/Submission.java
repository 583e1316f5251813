package wabot.conversation;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers of one conversation as they are posted to the business API.
 *
 * @param id        stable across retries and restarts; sent as the Idempotency-Key
 * @param userPhone E.164 with a leading {@code +}, or null when the person is known only by a BSUID
 * @param userId    the business-scoped user id, when Meta sent one
 * @param answers   question id to value, in the order they were asked; skipped questions, and questions whose
 *                  condition did not hold, are absent
 */
public record Submission(String id, String conversationId, String userPhone, String userId,
                         Instant startedAt, Map<String, Value> answers) {
    public Submission {
        answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    }
}
