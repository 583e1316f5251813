package wabot.conversation;

import static java.util.Map.entry;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The bot in English: its texts, command words and the words its answers are read with. */
final class English {
    private English() {}

    static final Map<Text, String> TEXTS = Map.ofEntries(
            entry(Text.SKIP_HINT, "(You can reply “skip” to leave this question out.)"),
            entry(Text.REQUIRED, "This question needs an answer."),
            entry(Text.PROCESSING, "Thanks! We're processing your answers…"),
            entry(Text.PLEASE_WAIT, "We're still processing your answers. Please wait a moment."),
            entry(Text.FINAL_MESSAGE, "Thanks! We're done. Write to us whenever you want to start again."),
            entry(Text.APOLOGY, "Sorry, we couldn't process your answers right now. We've saved them and someone "
                    + "from the team will look at them. Write to us whenever you want to start again."),
            entry(Text.TEXT_ONLY, "I can only read text answers. Please type your answer."),
            entry(Text.TOO_LONG, "Your answer is too long. Please shorten it."),
            entry(Text.EXPIRED, "Your previous conversation expired after a while without answers, so we're starting "
                    + "again."),
            entry(Text.RESTARTED, "Starting again."),
            entry(Text.CANCELLED, "Conversation cancelled. Write to us whenever you want to start again."),
            entry(Text.FLOOD, "You're sending messages very fast. Please wait a minute before going on."),
            entry(Text.COMMANDS_HINT, "You can also write “{back}” to go back to the previous question, “{restart}” "
                    + "to start again or “{cancel}” to stop."),
            entry(Text.NO_EARLIER_QUESTION, "This is the first question: there is none before it."),
            entry(Text.OTHER_QUESTION_CHOICE, "That option belongs to another question."),
            entry(Text.CHOOSE, "Choose"),
            entry(Text.MENU_HINT, "Reply with the number of your choice."),
            entry(Text.YES, "Yes"),
            entry(Text.NO, "No"),
            entry(Text.TEXT_HINT, "Type your answer in one message."),
            entry(Text.TEXT_TOO_SHORT, "Your answer is too short: write at least {min} characters."),
            entry(Text.TEXT_TOO_LONG, "Your answer is too long: write at most {max} characters."),
            entry(Text.TEXT_MISMATCH, "Your answer isn't in the format we expect."),
            entry(Text.NUMBER_HINT, "Type a number, for example {example}."),
            entry(Text.NUMBER_INVALID, "That doesn't look like a number. Example: {example}"),
            entry(Text.NUMBER_NOT_WHOLE, "Please type a whole number, without decimals."),
            entry(Text.NUMBER_TOO_SMALL, "The number must be {min} or more."),
            entry(Text.NUMBER_TOO_LARGE, "The number must be {max} or less."),
            entry(Text.NUMBER_BETWEEN, "The number must be between {min} and {max}."),
            entry(Text.EMAIL_HINT, "Type an email address, for example ana@example.com."),
            entry(Text.EMAIL_INVALID, "That doesn't look like an email address. Example: ana@example.com"),
            entry(Text.PHONE_HINT, "Type a phone number with its area code, for example {example}."),
            entry(Text.PHONE_INVALID, "That doesn't look like a phone number. Example: {example}"),
            entry(Text.DATE_HINT, "Type a date, for example {example}, “today” or “tomorrow”."),
            entry(Text.DATE_INVALID, "I didn't understand the date. Write it like {example}, or “today” or "
                    + "“tomorrow”."),
            entry(Text.DATE_TOO_EARLY, "The date must be {min} or later."),
            entry(Text.DATE_TOO_LATE, "The date must be {max} or earlier."),
            entry(Text.DATE_BETWEEN, "The date must be between {min} and {max}."),
            entry(Text.YES_NO_HINT, "Tap “Yes” or “No”, or type yes or no."),
            entry(Text.YES_NO_INVALID, "Please answer yes or no."),
            entry(Text.CHOICE_HINT, "Tap one of the options, or type its number or its name."),
            entry(Text.CHOICE_INVALID, "That isn't one of the options. Tap one, or type its number or its name."),
            entry(Text.IMAGE_EXPECTED, "Please send a photo: tap 📎 and pick Gallery or Camera."),
            entry(Text.DOCUMENT_EXPECTED, "Please send a document: tap 📎 and pick Document."),
            entry(Text.AUDIO_EXPECTED, "Please send an audio file or a voice message."),
            entry(Text.VIDEO_EXPECTED, "Please send a video: tap 📎 and pick Gallery or Camera."),
            entry(Text.MEDIA_EXPECTED, "Please send a photo, a video, an audio file or a document: tap 📎."),
            entry(Text.LOCATION_EXPECTED, "Please share a location: tap 📎 and pick Location."));

    static final Map<Command, List<String>> COMMANDS = Map.of(
            Command.RESTART, List.of("restart", "start over"),
            Command.CANCEL, List.of("cancel", "stop"),
            Command.BACK, List.of("back"),
            Command.HELP, List.of("help"),
            Command.SKIP, List.of("skip"));

    static final Words WORDS = new Words(
            Set.of("yes", "y", "yeah", "yep", "sure", "ok", "okay"),
            Set.of("no", "n", "nope"),
            Map.of("today", 0, "tomorrow", 1, "day after tomorrow", 2, "the day after tomorrow", 2,
                    "yesterday", -1),
            List.of(List.of("january", "jan"), List.of("february", "feb"), List.of("march", "mar"),
                    List.of("april", "apr"), List.of("may"), List.of("june", "jun"), List.of("july", "jul"),
                    List.of("august", "aug"), List.of("september", "sept", "sep"), List.of("october", "oct"),
                    List.of("november", "nov"), List.of("december", "dec")));
}
