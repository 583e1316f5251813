package wabot.conversation;

import java.time.Instant;

/**
 * What a person answered to one question, and when they sent it.
 *
 * @param choiceId the id of the tapped button or list row, or null when the answer was typed
 */
public record Answer(String questionId, String value, String choiceId, Instant answeredAt) {}
