package wabot.flow;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * JSON whose numbers stay as written: read as decimals (200.50 stays 200.50, never a double), written plainly (3.5,
 * never 3.5E+0). Typed answers and the limits of questions travel through the store, a session's extra questions
 * and the business API; all three read and write with this one mapper, so a number crosses each the same way.
 */
public final class ExactJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private ExactJson() {}
}
