package org.rait.registry.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.rait.registry.Refusal;

import java.util.stream.Collectors;

/** JSON in and out: snake_case, unknown fields refused, errors that name the field. */
public final class Json {
    /**
     * The deepest body the API has is three levels (a registration's endpoint list); anything much
     * deeper is an attack on the parser, refused before it costs stack or memory.
     */
    public static final int MAX_DEPTH = 16;
    /** Longest string in a body: far above a name or a note, far below the body cap. */
    public static final int MAX_STRING_CHARS = 16 * 1024;

    /** No coercion: "50153" is not a port and 1 is not a string; a key given twice is refused, not "last wins". */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(MAX_STRING_CHARS)
                            .maxNumberLength(32)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            // 50021.5 is not a port; Jackson would round it down silently.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private Json() {
    }

    /** @throws Refusal (INVALID) saying which field is wrong */
    public static <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw new Refusal(Refusal.Kind.INVALID, "the request needs a JSON body");
        }
        try {
            return MAPPER.readValue(body, type);
        } catch (StreamConstraintsException e) {
            throw new Refusal(Refusal.Kind.INVALID, "request body exceeds a limit" + at(e) + ": " + firstLine(e));
        } catch (UnrecognizedPropertyException e) {
            throw new Refusal(Refusal.Kind.INVALID, "unknown field '" + path(e) + "' in the request body");
        } catch (JsonMappingException e) {
            String field = path(e);
            throw new Refusal(Refusal.Kind.INVALID, "request body" + (field.isEmpty() ? "" : " field '" + field + "'")
                    + at(e) + ": " + firstLine(e));
        } catch (JsonProcessingException e) {
            throw new Refusal(Refusal.Kind.INVALID, "request body is not valid JSON" + at(e) + ": " + firstLine(e));
        } catch (java.io.IOException e) {
            throw new Refusal(Refusal.Kind.INVALID, "request body cannot be read: " + e.getMessage());
        }
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response cannot be written as JSON", e);
        }
    }

    /** " (line L, column C)" where the parser knows it; some limits are reported without a location. */
    private static String at(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** Jackson names its own settings in some messages ("from `StreamReadConstraints...`"); the operator needs the figures. */
    private static String firstLine(JsonProcessingException e) {
        return String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("invalid").replaceAll(", from `[^`]*`", "")
                .replace(" (but could if coercion was enabled using `CoercionConfig`)", "");
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }
}
