package wabot.external;

/** The business API did not give a usable answer. Transient failures are worth another try; others are not. */
public final class ExternalApiError extends Exception {
    private final boolean transientFailure;

    public ExternalApiError(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
