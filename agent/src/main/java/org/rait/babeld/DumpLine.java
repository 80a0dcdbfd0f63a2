package org.rait.babeld;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One line of a {@code dump}: {@code add KIND SUBJECT} followed by key/value pairs. SUBJECT is the
 * interface name for interfaces and babeld's internal id for the other kinds.
 */
record DumpLine(String text, String kind, String subject, Map<String, String> fields) {
    static DumpLine parse(String text) {
        String[] words = text.trim().split(" +");
        if (words.length < 3 || !words[0].equals("add") || (words.length - 3) % 2 != 0) {
            throw new MalformedReply("cannot read dump line '" + text + "': expected 'add KIND NAME key value...'");
        }
        Map<String, String> fields = new HashMap<>();
        for (int i = 3; i < words.length; i += 2) {
            fields.put(words[i], words[i + 1]);
        }
        return new DumpLine(text, words[1], words[2], fields);
    }

    String required(String key) {
        String value = fields.get(key);
        if (value == null) {
            throw new MalformedReply("dump line '" + text + "' has no '" + key + "'");
        }
        return value;
    }

    Optional<String> optional(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    boolean flag(String key) {
        String value = required(key);
        return switch (value) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new MalformedReply("dump line '" + text + "': '" + key + "' is '" + value
                    + "', expected true/false or yes/no");
        };
    }

    int number(String key) {
        String value = required(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new MalformedReply("dump line '" + text + "': '" + key + "' is '" + value + "', expected a number");
        }
    }
}
