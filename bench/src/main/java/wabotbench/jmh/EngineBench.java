package wabotbench.jmh;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import wabot.conversation.Answer;
import wabot.conversation.ConversationEngine;
import wabot.conversation.Decision;
import wabot.conversation.Event;
import wabot.conversation.MessageKind;
import wabot.conversation.Policy;
import wabot.conversation.Session;
import wabot.conversation.SessionState;
import wabot.flow.FlowLoader;

/**
 * {@link ConversationEngine#decide} on the bundled flow, for the three kinds of turn a conversation has: the
 * greeting that starts it, an answer that asks the next question, and the last answer that submits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineBench {
    private ConversationEngine engine;
    private Session ended;
    private Session atSecond;
    private Session atLast;
    private Event.UserMessage greeting;
    private Event.UserMessage answer;
    private Instant now;

    @Setup
    public void setup() {
        var flow = FlowLoader.bundled();
        engine = new ConversationEngine(flow, new Policy(Duration.ofHours(24), 2000, 100_000));
        now = Instant.parse("2026-11-25T12:00:00Z");
        var started = now.minusSeconds(60);
        ended = new Session("5511900000001", "5511900000001", null, SessionState.CONVERSATION_ENDED,
                "7d0f8f3c-8a56-3c3e-9a43-0d6f0c1f2a11", started, started, List.of(), 4, List.of(), 1, started, 3, 7);
        var two = List.of(new Answer("name", "Ana Souza", null, started),
                new Answer("email", "ana.souza@example.com", null, started));
        atSecond = new Session("5511900000001", "5511900000001", null, SessionState.WAITING_FOR_ANSWER,
                "7d0f8f3c-8a56-3c3e-9a43-0d6f0c1f2a11", started, started, List.of(), 1, two.subList(0, 1), 0,
                started, 2, 3);
        var three = List.of(two.get(0), two.get(1), new Answer("issue", "Mi pedido no llegó.", null, started));
        atLast = new Session("5511900000001", "5511900000001", null, SessionState.WAITING_FOR_ANSWER,
                "7d0f8f3c-8a56-3c3e-9a43-0d6f0c1f2a11", started, started, List.of(), 3, three, 0, started, 4, 5);
        greeting = new Event.UserMessage("wamid.BENCH.1", MessageKind.TEXT, "Olá! Preciso de ajuda", null, now);
        answer = new Event.UserMessage("wamid.BENCH.2", MessageKind.TEXT, "ana.souza@example.com", null, now);
    }

    @Benchmark
    public Decision greetingStartsConversation() {
        return engine.decide(ended, greeting, now);
    }

    @Benchmark
    public Decision answerAsksNextQuestion() {
        return engine.decide(atSecond, answer, now);
    }

    @Benchmark
    public Decision lastAnswerSubmits() {
        return engine.decide(atLast, answer, now);
    }
}
