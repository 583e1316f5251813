package wabot.conversation;

import java.util.Locale;

/**
 * Everything the bot says besides the questions, by the key a flow's {@code messages:} block overrides it with
 * ({@link #key()}: the name in lower case). Words in braces, such as {@code {min}}, are filled in when said.
 */
public enum Text {
    SKIP_HINT, REQUIRED, PROCESSING, PLEASE_WAIT, FINAL_MESSAGE, APOLOGY, TEXT_ONLY, TOO_LONG, EXPIRED, RESTARTED,
    CANCELLED, FLOOD,
    /** After the hint of {@code help}: {back}, {restart} and {cancel} are the command words. */
    COMMANDS_HINT,
    NO_EARLIER_QUESTION,
    /** A tap on a button or list row of another question than the one being asked. */
    OTHER_QUESTION_CHOICE,
    /** The label of the button that opens a list (at most 20 characters). */
    CHOOSE,
    /** Under a numbered menu. */
    MENU_HINT,
    /** The titles of a yes/no question's two buttons (at most 20 characters each). */
    YES, NO,
    TEXT_HINT, TEXT_TOO_SHORT, TEXT_TOO_LONG, TEXT_MISMATCH,
    NUMBER_HINT, NUMBER_INVALID, NUMBER_NOT_WHOLE, NUMBER_TOO_SMALL, NUMBER_TOO_LARGE, NUMBER_BETWEEN,
    EMAIL_HINT, EMAIL_INVALID,
    PHONE_HINT, PHONE_INVALID,
    DATE_HINT, DATE_INVALID, DATE_TOO_EARLY, DATE_TOO_LATE, DATE_BETWEEN,
    YES_NO_HINT, YES_NO_INVALID,
    CHOICE_HINT, CHOICE_INVALID,
    IMAGE_EXPECTED, DOCUMENT_EXPECTED, AUDIO_EXPECTED, VIDEO_EXPECTED, MEDIA_EXPECTED, LOCATION_EXPECTED;

    /** The key in a flow's {@code messages:} block. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
