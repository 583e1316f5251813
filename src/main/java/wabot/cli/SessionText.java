package wabot.cli;

import wabot.simulator.Simulator;

/** The chat's {@code /session}: the person's session as wabot stored it, in a few lines. */
final class SessionText {
    private SessionText() {}

    static String of(Simulator simulator, String userKey) {
        var stored = simulator.stored(userKey).orElse(null);
        if (stored == null) {
            return "no session stored yet: write something first";
        }
        var session = stored.session();
        var text = new StringBuilder("state " + session.state() + ", conversation " + session.conversationId()
                + ", started " + session.startedAt() + ", updated " + session.updatedAt()
                + ", version " + session.version());
        text.append("\nanswers:");
        if (stored.answers().isEmpty()) {
            text.append(" none");
        }
        for (var answer : stored.answers()) {
            text.append("\n  ").append(answer.questionId()).append(" = ").append(answer.value().display())
                    .append(answer.choiceId() == null ? "" : " (tapped " + answer.choiceId() + ")")
                    .append("  at ").append(answer.answeredAt());
        }
        var owed = stored.owed();
        text.append("\nowed: ").append(owed.messages()).append(" messages, ").append(owed.replies())
                .append(" replies, ").append(owed.submissions()).append(" submissions");
        return text.toString();
    }
}
