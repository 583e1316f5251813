package wabot.conversation;

import java.time.Instant;
import java.util.Locale;

/**
 * What one decision did, in the words an operator uses: the label of the turn meter, and whether a conversation
 * started or ended with it. Read off the session before and after, so the engine needs no second output.
 */
public enum TurnOutcome {
    /** A message began a conversation: the first question was asked. */
    STARTED(null),
    /** An answer was recorded and the next question asked. */
    ANSWERED(null),
    /** An optional question was skipped. */
    SKIPPED(null),
    /** The message could not be an answer (too long, empty, a photo, "skip" on a required question): asked again. */
    ASKED_AGAIN(null),
    /** The last answer was recorded and the answers go to the business API. */
    SUBMITTED(null),
    /** A message while the business API is being asked: "please wait". */
    WAITING(null),
    /** The person started over mid-conversation; the unfinished conversation ends as restarted. */
    RESTARTED("restarted"),
    /** The person came back after SESSION_TTL; the idle conversation ends as abandoned and a new one starts. */
    EXPIRED("abandoned"),
    /** The person cancelled. */
    CANCELLED("cancelled"),
    /** Over the per-minute limit: one notice, then silence. */
    FLOODED(null),
    /** The business API asked more questions. */
    CONTINUED(null),
    /** The business API answered and the conversation ended with its message. */
    FINISHED("finished"),
    /** The business API could not be reached or answered nonsense: the person got the apology. */
    FAILED("failed"),
    /** An operator reset the conversation. */
    RESET("reset"),
    /** An answer from the business API for a submission the conversation no longer waits for (e.g. a retry). */
    IGNORED(null);

    private final String endsAs;

    TurnOutcome(String endsAs) {
        this.endsAs = endsAs;
    }

    /** How the conversation that was going on ends with this turn, or null when none ends. */
    public String endsAs() {
        return endsAs;
    }

    /** The meter's label: {@code asked_again}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Classifies {@code decision}, which the engine made for {@code event} on {@code before} at {@code now}. */
    public static TurnOutcome of(Session before, Event event, Decision decision, Policy policy, Instant now) {
        var next = decision.next();
        boolean wasOpen = before.conversationId() != null && before.state() != SessionState.CONVERSATION_ENDED;
        if (event instanceof Event.Reset) {
            return RESET;
        }
        if (event instanceof Event.ApiReplied reply) {
            if (!awaited(before, reply.submissionId())) {
                return IGNORED;
            }
            return next.state() == SessionState.CONVERSATION_ENDED ? FINISHED : CONTINUED;
        }
        if (event instanceof Event.ApiFailed failure) {
            return awaited(before, failure.submissionId()) ? FAILED : IGNORED;
        }
        if (next.floodCount() > policy.maxMessagesPerMinute()) {
            return FLOODED;
        }
        if (next.conversationId() != null && !next.conversationId().equals(before.conversationId())) {
            if (!wasOpen) {
                return STARTED;
            }
            return before.updatedAt() != null && before.updatedAt().plus(policy.sessionTtl()).isBefore(now)
                    ? EXPIRED : RESTARTED;
        }
        if (wasOpen && next.state() == SessionState.CONVERSATION_ENDED) {
            return CANCELLED;
        }
        if (decision.effects().stream().anyMatch(Effect.CallExternalApi.class::isInstance)) {
            return SUBMITTED;
        }
        if (!decision.recorded().isEmpty()) {
            return ANSWERED;
        }
        if (before.state() == SessionState.PROCESSING_API) {
            return WAITING;
        }
        return next.position() > before.position() ? SKIPPED : ASKED_AGAIN;
    }

    private static boolean awaited(Session before, String submissionId) {
        return before.state() == SessionState.PROCESSING_API && before.submissionId().equals(submissionId);
    }
}
