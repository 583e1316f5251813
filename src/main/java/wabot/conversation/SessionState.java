package wabot.conversation;

/** The three states a conversation can be in; the table in docs/ARCHITECTURE.md draws their transitions. */
public enum SessionState {
    WAITING_FOR_ANSWER,
    PROCESSING_API,
    CONVERSATION_ENDED
}
