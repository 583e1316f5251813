package wabot.flow;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/** Reads YAML into {@link YamlNode}s, keeping line numbers that Jackson's tree model would drop. */
final class YamlReader {
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private YamlReader() {}

    static YamlNode read(String source, String file) {
        try (JsonParser parser = YAML.createParser(source)) {
            if (parser.nextToken() == null) {
                throw new FlowException(file, 1, "the file is empty");
            }
            return node(parser);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            throw new FlowException(file, line, "invalid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new FlowException(file, 1, "cannot read: " + e.getMessage());
        }
    }

    private static YamlNode node(JsonParser parser) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            var entries = new LinkedHashMap<String, YamlNode>();
            var keyLines = new LinkedHashMap<String, Integer>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                keyLines.put(key, parser.currentTokenLocation().getLineNr());
                parser.nextToken();
                entries.put(key, node(parser));
            }
            return new YamlNode.Mapping(entries, keyLines, line);
        }
        if (token == JsonToken.START_ARRAY) {
            var items = new ArrayList<YamlNode>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(node(parser));
            }
            return new YamlNode.Sequence(items, line);
        }
        YamlNode.Scalar.Type kind;
        switch (token) {
            case VALUE_NULL: kind = YamlNode.Scalar.Type.NULL; break;
            case VALUE_TRUE: case VALUE_FALSE: kind = YamlNode.Scalar.Type.BOOLEAN; break;
            case VALUE_NUMBER_INT: case VALUE_NUMBER_FLOAT: kind = YamlNode.Scalar.Type.NUMBER; break;
            default: kind = YamlNode.Scalar.Type.STRING; break;
        }
        return new YamlNode.Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), kind, line);
    }
}
