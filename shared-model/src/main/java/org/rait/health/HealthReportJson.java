package org.rait.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rait.keys.WgKey;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The report on the wire (snake_case JSON), with bounds: a registry takes at most {@link #MAX_BYTES}, at most
 * {@link #MAX_PEERS} tunnels and strings of at most {@link #MAX_TEXT} characters; unknown fields are refused.
 * A peer's keepalive_seconds and rx_idle_seconds may be left out (agents before them): off and unknown.
 */
public final class HealthReportJson {
    public static final int MAX_BYTES = 1 << 20;
    public static final int MAX_PEERS = 4096;
    public static final int MAX_TEXT = 512;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> REPORT_FIELDS = Set.of("version", "applied_serial", "last_pass", "report_interval_seconds", "peers");
    private static final Set<String> PASS_FIELDS = Set.of("news", "action", "detail", "age_seconds");
    private static final Set<String> PEER_FIELDS = Set.of("public_key", "interface", "handshake_age_seconds", "rx_bytes", "tx_bytes",
            "endpoint", "babeld_cost", "keepalive_seconds", "rx_idle_seconds");

    private HealthReportJson() {
    }

    public static byte[] write(HealthReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", report.version());
        if (report.appliedSerial().isPresent()) root.put("applied_serial", report.appliedSerial().getAsLong());
        else root.putNull("applied_serial");
        ObjectNode pass = root.putObject("last_pass");
        pass.put("news", report.lastPass().news());
        pass.put("action", report.lastPass().action());
        pass.put("detail", clip(report.lastPass().detail()));
        pass.put("age_seconds", report.lastPass().ageSeconds());
        root.put("report_interval_seconds", report.reportIntervalSeconds());
        ArrayNode peers = root.putArray("peers");
        for (PeerHealth p : report.peers()) {
            ObjectNode peer = peers.addObject();
            peer.put("public_key", p.peerKey().base64());
            peer.put("interface", p.interfaceName());
            if (p.handshakeAgeSeconds().isPresent()) peer.put("handshake_age_seconds", p.handshakeAgeSeconds().getAsLong());
            else peer.putNull("handshake_age_seconds");
            peer.put("rx_bytes", p.rxBytes());
            peer.put("tx_bytes", p.txBytes());
            if (p.endpoint().isPresent()) peer.put("endpoint", p.endpoint().get());
            else peer.putNull("endpoint");
            if (p.babeldCost().isPresent()) peer.put("babeld_cost", p.babeldCost().getAsInt());
            else peer.putNull("babeld_cost");
            peer.put("keepalive_seconds", p.keepaliveSeconds());
            if (p.rxIdleSeconds().isPresent()) peer.put("rx_idle_seconds", p.rxIdleSeconds().getAsLong());
            else peer.putNull("rx_idle_seconds");
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report tree always serializes", e);
        }
    }

    /** @throws IllegalArgumentException naming the field that is missing, of the wrong type or out of bounds */
    public static HealthReport read(byte[] body) {
        if (body.length > MAX_BYTES) throw new IllegalArgumentException("a report is at most " + MAX_BYTES + " bytes, got " + body.length);
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the report is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException("the report must be a JSON object");
        known(root, REPORT_FIELDS, "");
        String version = text(root, "version", "");
        OptionalLong appliedSerial = optionalNumber(root, "applied_serial", "");
        JsonNode pass = object(root, "last_pass", "");
        known(pass, PASS_FIELDS, "last_pass.");
        HealthReport.LastPass lastPass = new HealthReport.LastPass(text(pass, "news", "last_pass."), text(pass, "action", "last_pass."),
                text(pass, "detail", "last_pass."), number(pass, "age_seconds", "last_pass.", 0, Long.MAX_VALUE));
        JsonNode peersNode = root.get("peers");
        if (peersNode == null || !peersNode.isArray()) throw new IllegalArgumentException("field 'peers' must be a list");
        if (peersNode.size() > MAX_PEERS) {
            throw new IllegalArgumentException("field 'peers' has " + peersNode.size() + " entries, at most " + MAX_PEERS + " are taken");
        }
        List<PeerHealth> peers = new ArrayList<>();
        for (int i = 0; i < peersNode.size(); i++) {
            String where = "peers[" + i + "].";
            JsonNode p = peersNode.get(i);
            if (!p.isObject()) throw new IllegalArgumentException("field '" + where.substring(0, where.length() - 1) + "' must be an object");
            known(p, PEER_FIELDS, where);
            WgKey key;
            try {
                key = WgKey.parseBase64(text(p, "public_key", where));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field '" + where + "public_key': " + e.getMessage());
            }
            peers.add(new PeerHealth(key, text(p, "interface", where), optionalNumber(p, "handshake_age_seconds", where),
                    number(p, "rx_bytes", where, 0, Long.MAX_VALUE), number(p, "tx_bytes", where, 0, Long.MAX_VALUE),
                    optionalText(p, "endpoint", where), optionalInt(p, "babeld_cost", where),
                    p.has("keepalive_seconds") ? (int) number(p, "keepalive_seconds", where, 0, 65535) : 0,
                    optionalNumber(p, "rx_idle_seconds", where)));
        }
        int interval = (int) number(root, "report_interval_seconds", "", 1, 86400);
        return new HealthReport(version, appliedSerial, lastPass, interval, peers);
    }

    private static void known(JsonNode node, Set<String> fields, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) throw new IllegalArgumentException("unknown field '" + where + name + "' in the report");
        }
    }

    private static JsonNode object(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) throw new IllegalArgumentException("field '" + where + field + "' must be an object");
        return value;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) throw new IllegalArgumentException("field '" + where + field + "' must be a string");
        if (value.asText().length() > MAX_TEXT) {
            throw new IllegalArgumentException("field '" + where + field + "' is longer than " + MAX_TEXT + " characters");
        }
        return value.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(text(node, field, where));
    }

    private static long number(JsonNode node, String field, String where, long min, long max) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            throw new IllegalArgumentException("field '" + where + field + "' must be a whole number " + min + ".." + max);
        }
        return value.asLong();
    }

    private static OptionalLong optionalNumber(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? OptionalLong.empty() : OptionalLong.of(number(node, field, where, 0, Long.MAX_VALUE));
    }

    private static OptionalInt optionalInt(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? OptionalInt.empty() : OptionalInt.of((int) number(node, field, where, 0, 65535));
    }

    private static String clip(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
