/**
 * The kinds of answer a question can take, one small pure type per kind: each turns a message into a value or a
 * refusal, and says how to answer. Pure like {@code wabot.conversation}, whose {@code AnswerType} they implement:
 * no I/O, no clock (today comes in the context), no framework. The one library allowed here is Google's
 * libphonenumber, for {@link wabot.answers.PhoneAnswer}: a deterministic function of its bundled metadata, with
 * no network, files, threads or clock of its own ({@code ConversationPurityTest} holds the rule).
 */
package wabot.answers;
