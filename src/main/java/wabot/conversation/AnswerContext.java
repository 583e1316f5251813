package wabot.conversation;

import java.time.LocalDate;

/**
 * What reading an answer may depend on besides the message: the flow's language and texts, today's date where the
 * flow lives, and the person's own number (a phone answer without a country code is read in its country).
 *
 * @param senderPhone the person's WhatsApp number in E.164, or null when Meta withholds it
 */
public record AnswerContext(Language language, Texts texts, LocalDate today, String senderPhone) {}
