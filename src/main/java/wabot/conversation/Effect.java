package wabot.conversation;

/** Work the shell must carry out after committing a decision, besides sending its replies. */
public sealed interface Effect {

    /** Post the answers to the business API; the outcome comes back as {@link Event.ApiReplied} or {@link Event.ApiFailed}. */
    record CallExternalApi(Submission submission) implements Effect {}
}
