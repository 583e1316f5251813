package wabot.conversation;

import java.time.Instant;
import java.util.List;

/** Everything that can happen to a session. Each is fed to {@link ConversationEngine#decide}. */
public sealed interface Event {

    /**
     * A message the person sent.
     *
     * @param messageId Meta's wamid; also seeds the id of a conversation this message starts
     * @param sentAt    when the person sent it, as Meta stamped it
     */
    record UserMessage(String messageId, MessageKind kind, String text, String choiceId, Instant sentAt)
            implements Event {}

    /** The business API answered a submission with a well-formed reply. */
    record ApiReplied(String submissionId, boolean continueConversation, String message,
                      List<Question> additionalQuestions, String finalMessage) implements Event {
        public ApiReplied {
            additionalQuestions = additionalQuestions == null ? List.of() : List.copyOf(additionalQuestions);
        }
    }

    /** The business API could not be reached or answered nonsense, after every retry. */
    record ApiFailed(String submissionId, String reason) implements Event {}

    /** An operator reset the session. */
    record Reset() implements Event {}
}
