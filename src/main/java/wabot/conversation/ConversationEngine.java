package wabot.conversation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole behaviour of a conversation, as a pure function: no I/O, no clock, no framework. Everything else
 * in wabot exists to feed it events and to carry out its decisions. What makes an answer valid belongs to each
 * question's {@link AnswerType}; how a question is shown, to {@link Prompt}.
 */
public final class ConversationEngine {
    private static final Duration FLOOD_WINDOW = Duration.ofMinutes(1);

    private final Flow flow;
    private final Policy policy;
    private final Texts texts;
    /** Every command word, folded once: a message is folded once and looked up. */
    private final Map<String, Command> commandWords;

    public ConversationEngine(Flow flow, Policy policy) {
        this.flow = flow;
        this.policy = policy;
        this.texts = flow.texts();
        this.commandWords = flow.commands().folded();
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
        var question = session.currentQuestion(flow);
        boolean typed = message.kind() == MessageKind.TEXT || message.kind() == MessageKind.CHOICE;
        if (!typed && question == null) {
            return Decision.of(session.touched(now), texts.textOnly());
        }
        var command = message.kind() == MessageKind.TEXT ? commandWords.get(Folding.fold(message.text())) : null;
        if (command == Command.RESTART) {
            return start(session, message, now, texts.restarted());
        }
        if (command == Command.CANCEL) {
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
                if (question == null) {
                    return start(session, message, now, texts.restarted());
                }
                if (command == Command.BACK) {
                    return back(session, question, now);
                }
                if (command == Command.HELP) {
                    return help(session, question, now);
                }
                return onAnswer(session, question, message, command == Command.SKIP, now);
        }
    }

    private Decision onAnswer(Session session, Question question, Event.UserMessage message, boolean skip,
                              Instant now) {
        if (message.kind() == MessageKind.TEXT) {
            var text = message.text() == null ? "" : message.text().strip();
            if (text.isEmpty()) {
                return asking(session.touched(now), question, null);
            }
            if (text.codePointCount(0, text.length()) > policy.maxAnswerChars()) {
                return asking(session.touched(now), question, texts.tooLong());
            }
            if (skip) {
                return question.required()
                        ? asking(session.touched(now), question, texts.required())
                        : advance(session, session.answers(), List.of(), now);
            }
        }
        var tapped = ChoiceId.parse(message.choiceId());
        var readable = message;
        if (message.kind() == MessageKind.CHOICE && tapped != null && isQuestion(session, tapped.questionId())) {
            if (!tapped.questionId().equals(question.id())) {
                return asking(session.touched(now), question, texts.get(Text.OTHER_QUESTION_CHOICE));
            }
            readable = new Event.UserMessage(message.messageId(), message.kind(), message.text(), tapped.optionId(),
                    message.sentAt(), message.attachment());
        }
        var reading = question.type().read(readable, context(session, now));
        if (reading instanceof Reading.Refused refused) {
            return asking(session.touched(now), question, question.error() != null ? question.error() : refused.reason());
        }
        var answer = new Answer(question.id(), ((Reading.Accepted) reading).value(), message.choiceId(),
                message.sentAt() == null ? now : message.sentAt());
        var answers = new ArrayList<>(session.answers());
        answers.add(answer);
        return advance(session, answers, List.of(answer), now);
    }

    /** Asks the next question whose condition holds, or submits when none is left. */
    private Decision advance(Session session, List<Answer> answers, List<Answer> recorded, Instant now) {
        var questions = session.questions(flow);
        var given = session.with(session.state(), session.position(), answers, now);
        int next = Route.next(questions, session.position() + 1, given.answerMap());
        if (next < questions.size()) {
            var asked = session.with(SessionState.WAITING_FOR_ANSWER, next, answers, now);
            return new Decision(asked, recorded, List.of(ask(questions.get(next), null)), List.of());
        }
        return submit(session.with(SessionState.WAITING_FOR_ANSWER, next, answers, now), recorded, now);
    }

    /**
     * Goes back to the latest question asked before this one: questions left out by their condition were never
     * asked, so they are passed over; a question skipped with the skip word was asked, so it is not.
     */
    private Decision back(Session session, Question question, Instant now) {
        var questions = session.questions(flow);
        int target = Route.previous(questions, session.position(), session.answerMap());
        if (target < 0) {
            return asking(session.touched(now), question, texts.get(Text.NO_EARLIER_QUESTION));
        }
        var previous = questions.get(target);
        var kept = session.answers().stream().filter(a -> !a.questionId().equals(previous.id())).toList();
        return new Decision(session.with(SessionState.WAITING_FOR_ANSWER, target, kept, now), List.of(),
                List.of(ask(previous, null)),
                List.of(new Effect.WithdrawAnswers(session.conversationId(), List.of(previous.id()))));
    }

    private Decision help(Session session, Question question, Instant now) {
        var commands = flow.commands();
        var hint = question.type().hint(context(session, now)) + "\n" + texts.format(Text.COMMANDS_HINT,
                "back", commands.word(Command.BACK), "restart", commands.word(Command.RESTART),
                "cancel", commands.word(Command.CANCEL));
        return asking(session.touched(now), question, hint);
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
            var questions = new ArrayList<>(session.questions(flow));
            questions.addAll(reply.additionalQuestions());
            int next = Route.next(questions, session.position(), session.answerMap());
            if (next < questions.size()) {
                if (!isBlank(reply.message())) {
                    replies.add(new Reply(reply.message()));
                }
                replies.add(ask(questions.get(next), null));
                return new Decision(session.extendedWith(reply.additionalQuestions(), next, now), List.of(), replies,
                        List.of());
            }
            // Every added question depends on answers that rule it out: there is nothing left to ask.
        }
        // A "continue" without questions has nothing left to ask: its message closes the conversation.
        var closing = reply.continueConversation() ? reply.message() : reply.finalMessage();
        replies.add(new Reply(isBlank(closing) ? texts.finalMessage() : closing));
        var ended = session.with(SessionState.CONVERSATION_ENDED, session.position(), session.answers(), now);
        return new Decision(ended, List.of(), replies, List.of());
    }

    private Decision start(Session session, Event.UserMessage message, Instant now, String notice) {
        var started = session.startedBy(message.messageId(), now);
        var questions = flow.questions();
        int first = Route.next(questions, 0, Map.of());
        var asked = started.with(SessionState.WAITING_FOR_ANSWER, first, List.of(), now);
        return new Decision(asked, List.of(), List.of(ask(questions.get(first), notice)), List.of());
    }

    private boolean isQuestion(Session session, String id) {
        return session.questions(flow).stream().anyMatch(q -> q.id().equals(id));
    }

    private AnswerContext context(Session session, Instant now) {
        return new AnswerContext(flow.language(), texts, LocalDate.ofInstant(now, flow.timezone()),
                session.waId() == null ? null : "+" + session.waId());
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

    private Reply ask(Question question, String before) {
        return Prompt.of(question, texts, before);
    }

    private Decision asking(Session session, Question question, String before) {
        return new Decision(session, List.of(), List.of(ask(question, before)), List.of());
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
