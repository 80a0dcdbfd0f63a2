package org.rait.registry.ui;

import org.rait.registry.Refusal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An application/x-www-form-urlencoded body, as the page's forms send it. */
record Form(Map<String, String> fields) {
    static Form parse(byte[] body) {
        Map<String, String> fields = new HashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(key, value);
        }
        return new Form(fields);
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(fields.get(name)).filter(v -> !v.isBlank());
    }

    String required(String name) {
        return optional(name).orElseThrow(() -> new Refusal(Refusal.Kind.INVALID, "the form field '" + name + "' is required"));
    }

    long number(String name, long defaultValue) {
        Optional<String> text = optional(name);
        if (text.isEmpty()) return defaultValue;
        try {
            return Long.parseLong(text.get().strip());
        } catch (NumberFormatException e) {
            throw new Refusal(Refusal.Kind.INVALID, "the form field '" + name + "' must be a whole number, got '" + text.get() + "'");
        }
    }
}
