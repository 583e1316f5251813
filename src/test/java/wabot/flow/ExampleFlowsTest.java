package wabot.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import wabot.testing.Fixtures;

/** Every flow in examples/flows loads: the README sends people to them. */
class ExampleFlowsTest {

    static List<Path> flows() throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.ROOT.resolve("examples/flows"))) {
            var list = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(list).hasSizeGreaterThanOrEqualTo(3);
            return list;
        }
    }

    @ParameterizedTest
    @MethodSource("flows")
    void loads(Path file) {
        assertThat(FlowLoader.load(file).questions()).isNotEmpty();
    }
}
