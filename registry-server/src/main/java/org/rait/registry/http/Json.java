package org.rait.registry.http;

import com.fasterxml.jackson.core.JsonProcessingException;
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
    /** No coercion: "50153" is not a port and 1 is not a string. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
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
        } catch (UnrecognizedPropertyException e) {
            throw new Refusal(Refusal.Kind.INVALID, "unknown field '" + path(e) + "' in the request body");
        } catch (JsonMappingException e) {
            String field = path(e);
            throw new Refusal(Refusal.Kind.INVALID, "request body" + (field.isEmpty() ? "" : " field '" + field + "'")
                    + ": " + e.getOriginalMessage().lines().findFirst().orElse("invalid"));
        } catch (JsonProcessingException e) {
            throw new Refusal(Refusal.Kind.INVALID, "request body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage().lines().findFirst().orElse(""));
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

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }
}
