package wabot.conversation;

import java.time.Instant;
import java.util.List;

/** Everything that can happen to a session. Each is fed to {@link ConversationEngine#decide}. */
public sealed interface Event {

    /**
     * A message the person sent.
     *
     * @param messageId Meta's wamid; also seeds the id of a conversation this message starts
     * @param text       the typed text, a tapped choice's title, or a media caption; null when there is none
     * @param choiceId   the id of the tapped button or list row; null otherwise
     * @param sentAt     when the person sent it, as Meta stamped it
     * @param attachment the media or location of a {@link MessageKind#MEDIA} or {@link MessageKind#LOCATION}
     *                   message; null otherwise
     */
    record UserMessage(String messageId, MessageKind kind, String text, String choiceId, Instant sentAt,
                       Attachment attachment) implements Event {
        public UserMessage(String messageId, MessageKind kind, String text, String choiceId, Instant sentAt) {
            this(messageId, kind, text, choiceId, sentAt, null);
        }
    }

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
