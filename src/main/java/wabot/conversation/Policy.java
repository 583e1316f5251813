package wabot.conversation;

import java.time.Duration;

/**
 * Limits the engine enforces on every person.
 *
 * @param sessionTtl           an unfinished conversation idle longer than this starts over
 * @param maxAnswerChars       longer answers are refused politely
 * @param maxMessagesPerMinute beyond this a person gets one notice and is ignored until the minute passes
 */
public record Policy(Duration sessionTtl, int maxAnswerChars, int maxMessagesPerMinute) {
    public static Policy defaults() {
        return new Policy(Duration.ofHours(24), 2000, 30);
    }
}
