package wabot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The API contract, {@code docs/openapi.yaml}, as the build copies it into the jar, and a JSON Schema validator
 * (networknt, with the OpenAPI 3.1 dialect) that holds what wabot sends and answers to it. Never a hand-written
 * check: every verdict is the validator's, against the schema the document gives at that place.
 */
public final class Contract {
    /** Where the build puts docs/openapi.yaml: the file wabot serves at {@code GET /openapi.yaml}. */
    public static final String LOCATION = "classpath:contract/openapi.yaml";
    private static final Contract INSTANCE = new Contract();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistry registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(),
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                    .build()));
    private final JsonNode document;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    /** The operator API's paths, as patterns of the request's path, to the document's path. */
    private final Map<Pattern, String> paths = new ConcurrentHashMap<>();

    private Contract() {
        try (var in = Contract.class.getClassLoader().getResourceAsStream("contract/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException(LOCATION + " is missing: the build copies docs/openapi.yaml there");
            }
            document = new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Iterator<String> it = document.path("paths").fieldNames(); it.hasNext(); ) {
            var path = it.next();
            paths.put(Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q")), path);
        }
    }

    public static Contract get() {
        return INSTANCE;
    }

    /** The document as read. */
    public JsonNode document() {
        return document;
    }

    /**
     * What is wrong with {@code instance} by the schema at {@code pointer} in the document (a JSON pointer such as
     * {@code /components/schemas/Submission}); empty when it conforms.
     */
    public List<String> problems(String pointer, JsonNode instance) {
        var schema = schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(LOCATION + "#" + p)));
        return schema.validate(instance).stream().map(error -> {
            var at = error.getInstanceLocation().toString();
            return (at.isEmpty() || at.equals("$") ? "the body" : at) + ": " + error.getMessage();
        }).toList();
    }

    /** The problems of a POST wabot made to the business API, headers and body. */
    public List<String> submission(String contentType, String idempotencyKey, String posted) {
        var problems = new ArrayList<String>();
        var body = pointer("webhooks", "submission", "post", "requestBody", "content", "application/json");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")
                || !document.at(body).isObject()) {
            problems.add("Content-Type " + contentType + " is not the request body's, application/json");
        }
        var key = document.at(pointer("components", "parameters", "IdempotencyKey"));
        if (idempotencyKey == null) {
            problems.add("header " + key.path("name").asText() + " is missing; it is required: "
                    + key.path("required").asBoolean());
        } else {
            problems.addAll(problems(pointer("components", "parameters", "IdempotencyKey", "schema"),
                    JSON.getNodeFactory().textNode(idempotencyKey)).stream().map(p -> "header Idempotency-Key: " + p)
                    .toList());
        }
        var parsed = json(posted);
        if (parsed == null) {
            problems.add("the body is not JSON: " + posted);
        } else {
            problems.addAll(problems(body + "/schema", parsed));
        }
        return problems;
    }

    /** The problems of a reply the business API gave with a 2xx status, by the reply schema of the contract. */
    public List<String> reply(String body) {
        var parsed = json(body);
        return parsed == null ? List.of("the reply is not JSON: " + body)
                : problems(pointer("webhooks", "submission", "post", "responses", "200", "content", "application/json",
                        "schema"), parsed);
    }

    /** True when the document describes this path of wabot's operator API (any method). */
    public boolean describes(String path) {
        return documentedPath(path) != null;
    }

    /**
     * The problems of one answer of wabot's operator API: its status must be one the document gives for the
     * operation, its content type one of that response's, and a JSON body must fit that response's schema.
     */
    public List<String> operatorAnswer(String method, String path, int status, String contentType, String body) {
        var template = documentedPath(path);
        if (template == null) {
            return List.of();
        }
        var operation = pointer("paths", template, method.toLowerCase(Locale.ROOT));
        if (document.at(operation).isMissingNode()) {
            return List.of(method + " " + template + " is not in the contract");
        }
        var response = operation + pointer("responses", Integer.toString(status));
        if (document.at(response).isMissingNode()) {
            response = operation + pointer("responses", "default");
            if (document.at(response).isMissingNode()) {
                return List.of(method + " " + template + " answered " + status + ", a status the contract does not give");
            }
        }
        var answer = document.at(response);
        if (answer.has("$ref")) {
            answer = document.at(answer.path("$ref").asText().substring(1));
        }
        var content = answer.path("content");
        if (content.isMissingNode() || contentType == null) {
            return List.of();
        }
        var mediaType = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!content.has(mediaType)) {
            return List.of(method + " " + template + " " + status + " answered " + mediaType + "; the contract gives "
                    + String.join(", ", (Iterable<String>) content::fieldNames));
        }
        if (!mediaType.equals("application/json")) {
            return List.of();
        }
        var parsed = json(body);
        if (parsed == null) {
            return List.of(method + " " + template + " " + status + ": the body is not JSON");
        }
        var schemaPointer = answer == document.at(response) ? response + pointer("content", mediaType, "schema")
                : document.at(response).path("$ref").asText().substring(1) + pointer("content", mediaType, "schema");
        return problems(schemaPointer, parsed).stream().map(p -> method + " " + template + " " + status + ": " + p)
                .toList();
    }

    private String documentedPath(String path) {
        for (var entry : paths.entrySet()) {
            if (entry.getKey().matcher(path).matches()) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** A JSON pointer to these keys, each escaped as RFC 6901 says. */
    public static String pointer(String... keys) {
        var pointer = new StringBuilder();
        for (var key : keys) {
            pointer.append('/').append(key.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    private static JsonNode json(String body) {
        try {
            var node = body == null ? null : JSON.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }
}
