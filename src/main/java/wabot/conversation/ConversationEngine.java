package wabot.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The whole behaviour of a conversation, as a pure function: no I/O, no clock, no framework. Everything else
 * in wabot exists to feed it events and to carry out its decisions.
 */
public final class ConversationEngine {
    private static final Set<String> SKIP = Set.of("omitir", "skip");
    private static final Set<String> RESTART = Set.of("reiniciar", "restart");
    private static final Set<String> CANCEL = Set.of("cancelar", "cancel");
    private static final Duration FLOOD_WINDOW = Duration.ofMinutes(1);

    private final Flow flow;
    private final Policy policy;
    private final Texts texts;

    public ConversationEngine(Flow flow, Policy policy) {
        this.flow = flow;
        this.policy = policy;
        this.texts = flow.texts();
    }

    public Flow flow() {
        return flow;
    }

    public Policy policy() {
        return policy;
    }

    public Decision decide(Session session, Event event, Instant now) {
        if (event instanceof Event.UserMessage message) {
            return onMessage(session, message, now);
        }
        if (event instanceof Event.ApiReplied reply) {
            return isAwaited(session, reply.submissionId()) ? onApiReply(session, reply, now) : Decision.of(session);
        }
        if (event instanceof Event.ApiFailed failure) {
            return isAwaited(session, failure.submissionId())
                    ? Decision.of(session.with(SessionState.CONVERSATION_ENDED, session.position(), session.answers(), now),
                            texts.apology())
                    : Decision.of(session);
        }
        if (event instanceof Event.Reset) {
            return Decision.of(session.with(SessionState.CONVERSATION_ENDED, 0, List.of(), now));
        }
        throw new IllegalArgumentException("unknown event " + event);
    }

    private Decision onMessage(Session before, Event.UserMessage message, Instant now) {
        var session = countedForFlood(before, now);
        if (session.floodCount() > policy.maxMessagesPerMinute()) {
            return session.floodCount() == policy.maxMessagesPerMinute() + 1
                    ? Decision.of(session, texts.flood())
                    : Decision.of(session);
        }
        // Expiry comes first: any message, even one that cannot be an answer, must not revive a stale conversation.
        boolean active = session.state() != SessionState.CONVERSATION_ENDED;
        if (active && session.updatedAt() != null
                && session.updatedAt().plus(policy.sessionTtl()).isBefore(now)) {
            return start(session, message, now, texts.expired());
        }
        if (message.kind() == MessageKind.UNSUPPORTED || message.kind() == MessageKind.MEDIA
                || message.kind() == MessageKind.LOCATION) {
            var question = session.currentQuestion(flow);
            return Decision.of(session.touched(now),
                    question == null ? texts.textOnly() : texts.textOnly() + "\n\n" + ask(question));
        }
        var command = message.kind() == MessageKind.TEXT ? normalized(message.text()) : "";
        if (RESTART.contains(command)) {
            return start(session, message, now, texts.restarted());
        }
        if (CANCEL.contains(command)) {
            return Decision.of(session.with(SessionState.CONVERSATION_ENDED, session.position(), session.answers(), now),
                    texts.cancelled());
        }
        switch (session.state()) {
            case CONVERSATION_ENDED:
                return start(session, message, now, null);
            case PROCESSING_API:
                return Decision.of(session.touched(now), texts.pleaseWait());
            default:
                // A flow edited between restarts can leave a session past its last question: start it over.
                return session.currentQuestion(flow) == null
                        ? start(session, message, now, texts.restarted())
                        : onAnswer(session, message, now);
        }
    }

    private Decision onAnswer(Session session, Event.UserMessage message, Instant now) {
        var question = session.currentQuestion(flow);
        var value = message.text() == null ? "" : message.text().strip();
        if (value.isEmpty()) {
            return Decision.of(session.touched(now), ask(question));
        }
        if (value.codePointCount(0, value.length()) > policy.maxAnswerChars()) {
            return Decision.of(session.touched(now), texts.tooLong() + "\n\n" + ask(question));
        }
        var answers = new ArrayList<>(session.answers());
        var recorded = List.<Answer>of();
        if (message.kind() == MessageKind.TEXT && SKIP.contains(normalized(value))) {
            if (question.required()) {
                return Decision.of(session.touched(now), texts.required() + "\n\n" + ask(question));
            }
        } else {
            var answer = new Answer(question.id(), value, message.choiceId(),
                    message.sentAt() == null ? now : message.sentAt());
            answers.add(answer);
            recorded = List.of(answer);
        }
        int next = session.position() + 1;
        var questions = session.questions(flow);
        if (next < questions.size()) {
            var asked = session.with(SessionState.WAITING_FOR_ANSWER, next, answers, now);
            return new Decision(asked, recorded, List.of(new Reply(ask(questions.get(next)))), List.of());
        }
        return submit(session.with(SessionState.WAITING_FOR_ANSWER, next, answers, now), recorded, now);
    }

    private Decision submit(Session session, List<Answer> recorded, Instant now) {
        var submitted = session.submitted(now);
        var submission = new Submission(submitted.submissionId(), submitted.conversationId(),
                submitted.waId() == null ? null : "+" + submitted.waId(), submitted.userId(),
                submitted.startedAt(), submitted.answerMap());
        return new Decision(submitted, recorded, List.of(new Reply(texts.processing())),
                List.of(new Effect.CallExternalApi(submission)));
    }

    private Decision onApiReply(Session session, Event.ApiReplied reply, Instant now) {
        var replies = new ArrayList<Reply>();
        if (reply.continueConversation() && !reply.additionalQuestions().isEmpty()) {
            if (!isBlank(reply.message())) {
                replies.add(new Reply(reply.message()));
            }
            var extended = session.extendedWith(reply.additionalQuestions(), now);
            replies.add(new Reply(ask(extended.currentQuestion(flow))));
            return new Decision(extended, List.of(), replies, List.of());
        }
        // A "continue" without questions has nothing left to ask: its message closes the conversation.
        var closing = reply.continueConversation() ? reply.message() : reply.finalMessage();
        replies.add(new Reply(isBlank(closing) ? texts.finalMessage() : closing));
        var ended = session.with(SessionState.CONVERSATION_ENDED, session.position(), session.answers(), now);
        return new Decision(ended, List.of(), replies, List.of());
    }

    private Decision start(Session session, Event.UserMessage message, Instant now, String notice) {
        var started = session.startedBy(message.messageId(), now);
        var first = ask(flow.questions().get(0));
        return Decision.of(started, notice == null ? first : notice + "\n\n" + first);
    }

    private Session countedForFlood(Session session, Instant now) {
        var window = session.floodWindow();
        if (window == null || !now.isBefore(window.plus(FLOOD_WINDOW))) {
            return session.counted(now, 1);
        }
        return session.counted(window, session.floodCount() + 1);
    }

    private boolean isAwaited(Session session, String submissionId) {
        return session.state() == SessionState.PROCESSING_API && session.submissionId().equals(submissionId);
    }

    private String ask(Question question) {
        return question.required() ? question.text() : question.text() + "\n" + texts.skipHint();
    }

    private static String normalized(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
