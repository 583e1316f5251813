package wabot.delivery;

import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wabot.conversation.ConversationEngine;
import wabot.conversation.Decision;
import wabot.conversation.Effect;
import wabot.conversation.Event;
import wabot.conversation.Session;
import wabot.external.ExternalApiClient;
import wabot.store.Database;
import wabot.store.InboxStore;
import wabot.store.OutboxStore;
import wabot.store.SessionStore;
import wabot.store.StaleSession;
import wabot.store.SubmissionStore;

/**
 * One turn of a conversation: load the session, let the engine decide, and commit everything the decision
 * implies in one transaction. A crash before the commit means the turn is taken again; after it, nothing is lost.
 */
public final class Turns {
    private static final Logger log = LoggerFactory.getLogger(Turns.class);
    private static final int BATCH = 64;

    /** What committed turns left for the workers. */
    public record Committed(boolean replies, boolean submissions, boolean more) {
        static final Committed NOTHING = new Committed(false, false, false);

        Committed and(Committed other) {
            return new Committed(replies || other.replies, submissions || other.submissions, more || other.more);
        }
    }

    private final Database db;
    private final ConversationEngine engine;
    private final SessionStore sessions;
    private final InboxStore inbox;
    private final OutboxStore outbox;
    private final SubmissionStore submissions;
    private final ExternalApiClient api;
    private final Clock clock;

    public Turns(Database db, ConversationEngine engine, SessionStore sessions, InboxStore inbox, OutboxStore outbox,
                 SubmissionStore submissions, ExternalApiClient api, Clock clock) {
        this.db = db;
        this.engine = engine;
        this.sessions = sessions;
        this.inbox = inbox;
        this.outbox = outbox;
        this.submissions = submissions;
        this.api = api;
        this.clock = clock;
    }

    /**
     * Takes every pending message of one person, oldest first, a batch per transaction. The batch is read inside
     * the write, so the turn is one trip to the database.
     */
    public Committed drainInbox(String userKey) {
        var result = Committed.NOTHING;
        while (true) {
            var taken = retryingStale(() -> db.write(h -> takeWaiting(h, userKey)));
            result = result.and(taken);
            if (!taken.more()) {
                return new Committed(result.replies(), result.submissions(), false);
            }
        }
    }

    /**
     * Takes, within the caller's write, up to one batch of a person's pending messages, oldest first. On SQLite
     * the intake runs this right behind the messages it stores (see {@code Intake}); {@code more} says a batch
     * was not enough.
     */
    public Committed takeWaiting(Handle h, String userKey) {
        var rows = inbox.pending(h, userKey, BATCH);
        var result = new Committed(false, false, rows.size() == BATCH);
        for (var row : rows) {
            result = result.and(takeMessage(h, row));
        }
        return result;
    }

    private Committed takeMessage(Handle h, InboxStore.Row row) {
        var message = row.message();
        var now = clock.instant();
        var session = sessions.load(h, message.userKey())
                .orElseGet(() -> Session.fresh(message.userKey(), message.waId(), message.userId()));
        var decision = engine.decide(session, message.toEvent(), now);
        if (!inbox.markDone(h, row.id(), decision.next().conversationId(), now)) {
            return Committed.NOTHING; // another worker took it first
        }
        log.info("[MESSAGE] from={} id={} type={}", message.userKey(), message.messageId(), message.type());
        return commit(h, session, decision, now);
    }

    /** Feeds the business API's answer (or failure) to the person's conversation and closes the submission. */
    public Committed applyApiOutcome(String userKey, String submissionId, Event event, boolean done, String detail) {
        return retryingStale(() -> db.write(h -> {
            var now = clock.instant();
            var session = sessions.load(h, userKey).orElse(null);
            submissions.resolve(h, submissionId, done, detail, now);
            if (session == null) {
                return Committed.NOTHING;
            }
            return commit(h, session, engine.decide(session, event, now), now);
        }));
    }

    /** An operator's reset: the person's next message starts a new conversation. */
    public boolean reset(String userKey) {
        return retryingStale(() -> db.write(h -> {
            var session = sessions.load(h, userKey).orElse(null);
            if (session == null) {
                return false;
            }
            var now = clock.instant();
            commit(h, session, engine.decide(session, new Event.Reset(), now), now);
            log.info("[SESSION] reset user={}", userKey);
            return true;
        }));
    }

    private Committed commit(Handle h, Session before, Decision decision, Instant now) {
        var next = decision.next();
        sessions.save(h, next, decision.recorded());
        if (before.conversationId() == null || !before.conversationId().equals(next.conversationId())) {
            log.info("[SESSION] user={} conversation={} started", next.userKey(), next.conversationId());
        }
        for (var answer : decision.recorded()) {
            log.info("[ANSWER_SAVED] user={} question={}", next.userKey(), answer.questionId());
        }
        outbox.enqueue(h, next.userKey(), next.waId() != null ? next.waId() : next.userId(),
                next.conversationId(), decision.replies(), now);
        boolean submitted = false;
        for (var effect : decision.effects()) {
            if (effect instanceof Effect.CallExternalApi call) {
                var submission = call.submission();
                submissions.create(h, submission.id(), next.userKey(), submission.conversationId(),
                        api.payload(submission), now);
                submitted = true;
            } else if (effect instanceof Effect.WithdrawAnswers withdrawal) {
                sessions.withdraw(h, withdrawal.conversationId(), withdrawal.questionIds(), now);
            }
        }
        return new Committed(!decision.replies().isEmpty(), submitted, false);
    }

    private static <T> T retryingStale(java.util.function.Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (StaleSession e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }
}
