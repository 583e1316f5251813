package wabot.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wabot.conversation.ConversationEngine;
import wabot.conversation.Decision;
import wabot.conversation.Effect;
import wabot.conversation.Event;
import wabot.conversation.Session;
import wabot.conversation.TurnOutcome;
import wabot.numbers.Line;
import wabot.numbers.Switchboard;
import wabot.store.ConversationStore;
import wabot.store.Database;
import wabot.store.InboxStore;
import wabot.store.LatestSessions;
import wabot.store.OutboxStore;
import wabot.store.StaleSession;
import wabot.store.SubmissionStore;

/**
 * One turn of a conversation: load the session, let the engine decide, and commit everything the decision
 * implies in one transaction. A crash before the commit means the turn is taken again; after it, nothing is lost.
 */
public final class Turns {
    private static final Logger log = LoggerFactory.getLogger(Turns.class);
    private static final int BATCH = 64;

    /**
     * What committed turns left for the workers. Their replies and their counts are not in it: the sender and the
     * metrics have them from the commit itself (see {@link #commit}).
     */
    public record Committed(boolean submissions, boolean more) {
        static final Committed NOTHING = new Committed(false, false);

        Committed and(Committed other) {
            return new Committed(submissions || other.submissions, more || other.more);
        }

        Committed finished() {
            return new Committed(submissions, false);
        }
    }

    private final Database db;
    /** Each person's conversations with a number follow that number's flow and go to its business API. */
    private final Switchboard lines;
    private final LatestSessions sessions;
    private final InboxStore inbox;
    private final OutboxStore outbox;
    private final SubmissionStore submissions;
    private final ConversationStore conversations;
    private final Outcomes outcomes;
    private final OutboxSender sender;
    /** SQLite only (else null): the messages stored and not taken, as the writer knows them. */
    private final WaitingMessages waiting;
    private final Clock clock;

    public Turns(Database db, Switchboard lines, LatestSessions sessions, InboxStore inbox, OutboxStore outbox,
                 SubmissionStore submissions, ConversationStore conversations, Outcomes outcomes,
                 OutboxSender sender, WaitingMessages waiting, Clock clock) {
        this.sender = sender;
        this.waiting = waiting;
        this.conversations = conversations;
        this.outcomes = outcomes;
        this.db = db;
        this.lines = lines;
        this.sessions = sessions;
        this.inbox = inbox;
        this.outbox = outbox;
        this.submissions = submissions;
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
                return result.finished();
            }
        }
    }

    /**
     * Takes, within the caller's write, up to one batch of a person's pending messages, oldest first. On SQLite
     * the intake runs this right behind the messages it stores (see {@code Intake}); {@code more} says a batch
     * was not enough.
     */
    public Committed takeWaiting(Handle h, String userKey) {
        // On SQLite, the messages intake stored for a known person come from memory: no read on the writer.
        var rows = waiting == null ? null : waiting.take(h, userKey, BATCH);
        boolean more;
        if (rows != null) {
            more = waiting.more(userKey);
        } else {
            rows = inbox.pending(h, userKey, BATCH);
            more = rows.size() == BATCH;
            if (!more && waiting != null) {
                waiting.know(h, userKey);
            }
        }
        var result = new Committed(false, more);
        for (var row : rows) {
            result = result.and(takeMessage(h, row));
        }
        return result;
    }

    private Committed takeMessage(Handle h, InboxStore.Row row) {
        var message = row.message();
        var now = clock.instant();
        var line = lines.lineOf(message.userKey());
        if (line == null) {
            // Stored while its number was served, taken after NUMBERS_FILE dropped it: no flow to answer with.
            if (inbox.markDone(h, row.id(), null, now)) {
                log.warn("[MESSAGE] from={} id={} left unanswered: its number is no longer served", message.userKey(),
                        message.messageId());
            }
            return Committed.NOTHING;
        }
        var session = sessions.load(h, message.userKey())
                .orElseGet(() -> Session.fresh(message.userKey(), message.waId(), message.userId()));
        var event = message.toEvent();
        var decision = line.engine().decide(session, event, now);
        if (!inbox.markDone(h, row.id(), decision.next().conversationId(), now)) {
            return Committed.NOTHING; // another worker took it first
        }
        log.info("[MESSAGE] from={} id={} type={}", message.userKey(), message.messageId(), message.type());
        return commit(h, line, session, event, decision, now, message.profileName());
    }

    /** Feeds the business API's answer (or failure) to the person's conversation and closes the submission. */
    public Committed applyApiOutcome(String userKey, String submissionId, Event event, boolean done, String detail) {
        return retryingStale(() -> db.write(h -> {
            var now = clock.instant();
            var session = sessions.load(h, userKey).orElse(null);
            submissions.resolve(h, submissionId, done, detail, now);
            var line = lines.lineOf(userKey);
            if (session == null || line == null) {
                return Committed.NOTHING;
            }
            return commit(h, line, session, event, line.engine().decide(session, event, now), now, null);
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
            var event = new Event.Reset();
            // A reset ends the conversation whatever the flow; a number no longer served can still be reset.
            var line = Objects.requireNonNullElse(lines.lineOf(userKey), lines.first());
            commit(h, line, session, event, line.engine().decide(session, event, now), now, null);
            log.info("[SESSION] reset user={}", userKey);
            return true;
        }));
    }

    private Committed commit(Handle h, Line line, Session before, Event event, Decision decision, Instant now,
                             String name) {
        var next = decision.next();
        var engine = line.engine();
        var outcome = TurnOutcome.of(before, event, decision, engine.policy(), now);
        sessions.save(h, next, decision.recorded());
        recordConversation(h, engine, before, next, outcome, now, name);
        for (var answer : decision.recorded()) {
            log.info("[ANSWER_SAVED] user={} question={}", next.userKey(), answer.questionId());
        }
        var replies = outbox.enqueue(h, next.userKey(), next.waId() != null ? next.waId() : next.userId(),
                next.conversationId(), decision.replies(), now);
        if (!replies.isEmpty()) {
            // Handed to the sender the moment they are durable, before the writer goes on: it sends them without
            // reading them back. A rolled back transaction hands nothing; the rows of its retry are handed instead.
            h.afterCommit(() -> handOff(next.userKey(), replies));
        }
        // Counted once it is durable: a rolled back turn (a stale session, a failed group) did not happen.
        h.afterCommit(() -> outcomes.turn(outcome));
        boolean submitted = false;
        for (var effect : decision.effects()) {
            if (effect instanceof Effect.CallExternalApi call) {
                var submission = call.submission();
                submissions.create(h, submission.id(), next.userKey(), submission.conversationId(),
                        line.api().payload(submission), now);
                submitted = true;
            } else if (effect instanceof Effect.WithdrawAnswers withdrawal) {
                sessions.withdraw(h, withdrawal.conversationId(), withdrawal.questionIds(), now);
            }
        }
        return new Committed(submitted, false);
    }

    /** Keeps the conversations table in step: an ending and a start ride on the turn that caused them. */
    private void recordConversation(Handle h, ConversationEngine engine, Session before, Session next,
                                    TurnOutcome outcome, Instant now, String name) {
        if (outcome.endsAs() != null && before.conversationId() != null) {
            // An idle conversation is dated when it expired, not when the person came back.
            var at = outcome == TurnOutcome.EXPIRED ? before.updatedAt().plus(engine.policy().sessionTtl()) : now;
            conversations.ended(h, before.conversationId(), outcome.endsAs(), at);
        }
        if (next.conversationId() != null && !next.conversationId().equals(before.conversationId())) {
            log.info("[SESSION] user={} conversation={} started", next.userKey(), next.conversationId());
            conversations.started(h, next.conversationId(), next.userKey(), next.waId(), next.userId(), name,
                    next.startedAt() != null ? next.startedAt() : now);
        }
    }

    private void handOff(String userKey, List<OutboxStore.Row> replies) {
        try {
            sender.handOff(userKey, replies);
        } catch (RuntimeException e) {
            // Never out of a commit's callback. The rows are stored: the poller finds them.
            log.warn("[TURN] replies to {} not handed to the sender, the poller takes them: {}", userKey, e.toString());
        }
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
