package wabot.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import wabot.testing.Fixtures;

/** The deliveries in examples/ are the tested fixtures, byte for byte, so what the README posts is what the tests post. */
class ExampleDeliveriesTest {

    @Test
    void everyExampleIsAFixtureUnchanged() throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.ROOT.resolve("examples/deliveries"))) {
            var list = files.sorted().toList();
            assertThat(list).hasSizeGreaterThanOrEqualTo(5);
            for (var file : list) {
                assertThat(Files.readAllBytes(file)).as(file.getFileName().toString())
                        .isEqualTo(Fixtures.bytes(Fixtures.payload(file.getFileName().toString())));
            }
        }
    }
}
