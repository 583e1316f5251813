package wabot.conversation;

/** What a message carried besides text: a media file or a shared location. */
public sealed interface Attachment {

    /**
     * An image, document, audio or video message. The file stays with Meta; {@code mediaId} fetches it.
     *
     * @param type     Meta's message type: image, document, audio or video
     * @param caption  null when the person wrote none
     * @param filename documents only; null otherwise
     */
    record Media(String type, String mediaId, String mimeType, String sha256, String caption, String filename)
            implements Attachment {}

    /** A shared location; {@code name} and {@code address} only when the person picked a named place. */
    record Location(double latitude, double longitude, String name, String address) implements Attachment {}
}
