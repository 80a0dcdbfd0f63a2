package org.rait.registry.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route's path with {name} placeholders, e.g. /v1/admin/nodes/{key}/approve. Matching splits the
 * raw path on '/' first and percent-decodes each segment afterwards, so a base64 key with an
 * encoded '/' (%2F) stays one segment, and '+' stays '+'. A last segment {name...} takes the rest
 * of the path (one segment or more, each decoded, joined with '/'), e.g. /ui/{file...}.
 */
public record PathTemplate(String text, List<String> segments) {
    public static PathTemplate of(String text) {
        return new PathTemplate(text, List.of(text.substring(1).split("/", -1)));
    }

    public Optional<Map<String, String>> match(String rawPath) {
        if (!rawPath.startsWith("/")) return Optional.empty();
        String[] parts = rawPath.substring(1).split("/", -1);
        boolean rest = segments.get(segments.size() - 1).endsWith("...}");
        if (rest ? parts.length < segments.size() : parts.length != segments.size()) return Optional.empty();
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String segment = segments.get(Math.min(i, segments.size() - 1));
            Optional<String> decoded = percentDecode(parts[i]);
            if (decoded.isEmpty()) return Optional.empty();
            if (rest && i >= segments.size() - 1) {
                if (decoded.get().isEmpty()) return Optional.empty();
                params.merge(segment.substring(1, segment.length() - 4), decoded.get(), (a, b) -> a + "/" + b);
            } else if (segment.startsWith("{") && segment.endsWith("}")) {
                if (decoded.get().isEmpty()) return Optional.empty();
                params.put(segment.substring(1, segment.length() - 1), decoded.get());
            } else if (!segment.equals(decoded.get())) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    private static Optional<String> percentDecode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) return Optional.empty();
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return Optional.empty();
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return Optional.of(out.toString(StandardCharsets.UTF_8));
    }
}
