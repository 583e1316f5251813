package wabot.conversation;

/** Any text, or a tapped option's title: what every question was before questions had types. */
record FreeText() implements AnswerType {

    @Override
    public String name() {
        return "text";
    }

    @Override
    public Reading read(Event.UserMessage message, AnswerContext context) {
        if (message.kind() != MessageKind.TEXT && message.kind() != MessageKind.CHOICE) {
            return Reading.refused(context.texts().textOnly());
        }
        return Reading.accepted(Value.text(message.text() == null ? "" : message.text().strip()));
    }

    @Override
    public String hint(AnswerContext context) {
        return context.texts().get(Text.TEXT_HINT);
    }
}
