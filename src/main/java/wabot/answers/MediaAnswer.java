package wabot.answers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wabot.conversation.AnswerContext;
import wabot.conversation.AnswerType;
import wabot.conversation.Attachment;
import wabot.conversation.Event;
import wabot.conversation.Reading;
import wabot.conversation.Text;
import wabot.conversation.Value;

/**
 * A file the person sends: an image, document, audio or video, or any of the four ({@code media}). Posted as
 * {@code {type, media_id, mime_type, sha256, caption?, filename?}}; the file stays with Meta, fetched by its
 * {@code media_id}. A photo or video sent as a document (to keep its quality) counts as one.
 *
 * @param kind image, document, audio, video or media
 */
public record MediaAnswer(String kind) implements AnswerType {
    public static final List<String> KINDS = List.of("image", "document", "audio", "video", "media");

    public MediaAnswer {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("not a kind of media: " + kind);
        }
    }

    @Override
    public String name() {
        return kind;
    }

    @Override
    public Reading read(Event.UserMessage message, AnswerContext context) {
        if (message.attachment() instanceof Attachment.Media media && fits(media)) {
            var fields = new LinkedHashMap<String, Value>();
            fields.put("type", Value.text(media.type()));
            fields.put("media_id", Value.text(media.mediaId()));
            putText(fields, "mime_type", media.mimeType());
            putText(fields, "sha256", media.sha256());
            putText(fields, "caption", media.caption());
            putText(fields, "filename", media.filename());
            return Reading.accepted(new Value.Fields(fields));
        }
        return Reading.refused(hint(context));
    }

    @Override
    public String hint(AnswerContext context) {
        var texts = context.texts();
        switch (kind) {
            case "image": return texts.get(Text.IMAGE_EXPECTED);
            case "document": return texts.get(Text.DOCUMENT_EXPECTED);
            case "audio": return texts.get(Text.AUDIO_EXPECTED);
            case "video": return texts.get(Text.VIDEO_EXPECTED);
            default: return texts.get(Text.MEDIA_EXPECTED);
        }
    }

    private boolean fits(Attachment.Media media) {
        if (kind.equals("media") || kind.equals(media.type())) {
            return true;
        }
        var mime = media.mimeType() == null ? "" : media.mimeType();
        return media.type().equals("document") && (kind.equals("image") || kind.equals("video"))
                && mime.startsWith(kind + "/");
    }

    private static void putText(Map<String, Value> fields, String key, String value) {
        if (value != null) {
            fields.put(key, Value.text(value));
        }
    }
}
