package wabot.console;

import wabot.conversation.Attachment;

/** A person's photo, file or location as one line of a transcript; the media itself stays with Meta. */
final class Attachments {
    private Attachments() {}

    static String describe(Attachment attachment, String type) {
        if (attachment instanceof Attachment.Location location) {
            var place = location.name() != null ? location.name() : location.address();
            return "Location " + (place == null ? "" : place + " ") + "(" + location.latitude() + ", "
                    + location.longitude() + ")";
        }
        if (attachment instanceof Attachment.Media media) {
            var kind = media.type() == null ? "file" : media.type();
            switch (kind) {
                case "image": return "Photo";
                case "audio": return "Voice or audio";
                case "video": return "Video";
                case "sticker": return "Sticker";
                default: return "File " + (media.filename() != null ? media.filename() : "(a document)");
            }
        }
        if ("reaction".equals(type)) {
            return "Reaction";
        }
        return null;
    }
}
