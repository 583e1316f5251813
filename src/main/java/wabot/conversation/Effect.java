package wabot.conversation;

import java.util.List;

/** Work the shell must carry out with a decision, in its transaction, besides storing it and sending its replies. */
public sealed interface Effect {

    /** Post the answers to the business API; the outcome comes back as {@link Event.ApiReplied} or {@link Event.ApiFailed}. */
    record CallExternalApi(Submission submission) implements Effect {}

    /**
     * The person went back over these questions: their answers in this conversation no longer count. They stay on
     * file, marked, like everything the person said.
     */
    record WithdrawAnswers(String conversationId, List<String> questionIds) implements Effect {
        public WithdrawAnswers {
            questionIds = List.copyOf(questionIds);
        }
    }
}
