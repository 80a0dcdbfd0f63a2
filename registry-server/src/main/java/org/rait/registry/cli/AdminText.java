package org.rait.registry.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The admin commands' answers for people: ISO-8601 times instead of Unix seconds; `--json` prints the API's own. */
final class AdminText {
    private AdminText() {
    }

    /** A node (show, approve, reject, revoke, delete, edit), one field a line. */
    static List<String> node(JsonNode node) {
        List<String> endpoints = new ArrayList<>();
        node.path("endpoints").forEach(e -> endpoints.add(e.path("address_family").asText() + ":" + e.path("send_port").asText()
                + (e.path("address").asText().isEmpty() ? "" : ":" + e.path("address").asText())));
        return List.of(
                "name        " + node.path("name").asText(),
                "state       " + node.path("state").asText(),
                "public_key  " + node.path("public_key").asText(),
                "endpoints   " + (endpoints.isEmpty() ? "-" : String.join(" ", endpoints)),
                "created     " + time(node.path("created_at")),
                "updated     " + time(node.path("updated_at")));
    }

    /** Audit entries, newest first, one a line: time, who, what, on which node or token, and the detail. */
    static List<String> audit(JsonNode entries) {
        List<String> lines = new ArrayList<>();
        for (JsonNode e : entries) {
            lines.add(time(e.path("at")) + "  " + e.path("actor").asText() + "  " + e.path("action").asText() + "  "
                    + e.path("subject").asText() + (e.path("detail").asText().isEmpty() ? "" : "  " + e.path("detail").asText()));
        }
        return lines;
    }

    private static String time(JsonNode unixSeconds) {
        return unixSeconds.isNumber() ? Instant.ofEpochSecond(unixSeconds.asLong()).toString() : "-";
    }
}
