package wabot.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One person's conversation as plain, versioned data. It survives restarts because it is all there is: no
 * thread or future ever holds a conversation.
 *
 * @param userKey        who this is: the {@code wa_id}, or the BSUID when Meta withholds the phone
 * @param conversationId null until the first conversation starts
 * @param updatedAt      last activity; drives expiry
 * @param extraQuestions questions the business API added to this conversation only
 * @param position       index of the question being asked, over the flow's questions then the extra ones
 * @param submissions    how many times this conversation was posted to the business API
 * @param floodWindow    start of the minute in which {@code floodCount} messages arrived
 * @param version        optimistic lock; 0 means never stored
 */
public record Session(
        String userKey, String waId, String userId,
        SessionState state, String conversationId, Instant startedAt, Instant updatedAt,
        List<Question> extraQuestions, int position, List<Answer> answers, int submissions,
        Instant floodWindow, int floodCount, long version) {

    public Session {
        extraQuestions = List.copyOf(extraQuestions);
        answers = List.copyOf(answers);
    }

    /** A person wabot has never talked to. */
    public static Session fresh(String userKey, String waId, String userId) {
        return new Session(userKey, waId, userId, SessionState.CONVERSATION_ENDED, null, null, null,
                List.of(), 0, List.of(), 0, null, 0, 0);
    }

    public List<Question> questions(Flow flow) {
        var all = new ArrayList<>(flow.questions());
        all.addAll(extraQuestions);
        return all;
    }

    /** The question being asked, or null when none is. */
    public Question currentQuestion(Flow flow) {
        var all = questions(flow);
        return state == SessionState.WAITING_FOR_ANSWER && position < all.size() ? all.get(position) : null;
    }

    /** The id of the latest submission; derived, so a retry after a crash reuses it. */
    public String submissionId() {
        return nameUuid(conversationId + "|submission|" + submissions);
    }

    /** Answers by question id in the order given; a later answer to the same id wins. */
    public Map<String, Value> answerMap() {
        var map = new LinkedHashMap<String, Value>();
        answers.forEach(a -> map.put(a.questionId(), a.value()));
        return map;
    }

    static String conversationIdFor(String userKey, String startingMessageId) {
        return nameUuid(userKey + "|conversation|" + startingMessageId);
    }

    private static String nameUuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    Session with(SessionState state, int position, List<Answer> answers, Instant now) {
        return new Session(userKey, waId, userId, state, conversationId, startedAt, now, extraQuestions,
                position, answers, submissions, floodWindow, floodCount, version);
    }

    Session touched(Instant now) {
        return with(state, position, answers, now);
    }

    Session startedBy(String messageId, Instant now) {
        return new Session(userKey, waId, userId, SessionState.WAITING_FOR_ANSWER,
                conversationIdFor(userKey, messageId), now, now, List.of(), 0, List.of(), 0,
                floodWindow, floodCount, version);
    }

    Session submitted(Instant now) {
        return new Session(userKey, waId, userId, SessionState.PROCESSING_API, conversationId, startedAt, now,
                extraQuestions, position, answers, submissions + 1, floodWindow, floodCount, version);
    }

    Session extendedWith(List<Question> more, int position, Instant now) {
        var extra = new ArrayList<>(extraQuestions);
        extra.addAll(more);
        return new Session(userKey, waId, userId, SessionState.WAITING_FOR_ANSWER, conversationId, startedAt,
                now, extra, position, answers, submissions, floodWindow, floodCount, version);
    }

    Session counted(Instant window, int count) {
        return new Session(userKey, waId, userId, state, conversationId, startedAt, updatedAt, extraQuestions,
                position, answers, submissions, window, count, version);
    }
}
