package wabot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The jar as a command-line tool: help, and a clear refusal of what it does not know. */
class CommandsTest {

    @Test
    void helpListsEveryCommand() {
        for (var flag : new String[] {"--help", "-h", "help"}) {
            var run = Run.of(flag);
            assertThat(run.status()).isZero();
            assertThat(run.out()).contains("Usage: java -jar wabot.jar").contains("serve").contains("chat")
                    .contains("send");
        }
    }

    @Test
    void eachCommandHasItsOwnHelp() {
        assertThat(Run.of("chat", "--help").out()).contains("--flow FILE").contains("--as PHONE").contains("/session");
        assertThat(Run.of("send", "--help").out()).contains("--to URL").contains("--twice").contains("--batch N");
        assertThat(Run.of("serve", "--help").out()).contains("Runs the service");
    }

    @Test
    void unknownCommandPrintsTheUsageAndExitsWith2() {
        var run = Run.of("frobnicate");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("unknown command 'frobnicate'").contains("Usage: java -jar wabot.jar");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownFlagPrintsTheCommandsUsageAndExitsWith2() {
        for (var command : new String[] {"serve", "chat", "send"}) {
            var run = Run.of(command, "--bogus");
            assertThat(run.status()).as(command).isEqualTo(2);
            assertThat(run.err()).contains("wabot " + command + ": unknown flag --bogus").contains("Usage:");
        }
    }

    @Test
    void flagWithoutItsValueIsRefused() {
        var run = Run.of("chat", "--as");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--as needs a value");
    }

    @Test
    void badSettingNamesTheVariableAndExitsWith2() {
        var run = Run.of(java.util.Map.of("MAX_ANSWER_CHARS", "abc"), "", "chat");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("wabot: bad setting: MAX_ANSWER_CHARS");
    }
}
