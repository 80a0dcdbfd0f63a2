package org.rait.registration;

import org.rait.keys.WgKey;

import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A node's proof that it holds the WireGuard private key for {@link #nodeKey()}: an HMAC over the
 * request (see {@link ProvedRequest}) with a key only that node and the registry can derive.
 * Travels in the {@link ProofHeaders} headers.
 */
public record RequestProof(WgKey nodeKey, long timestamp, byte[] mac) {
    public RequestProof {
        Objects.requireNonNull(nodeKey, "nodeKey");
        if (mac.length != ProofKey.MAC_LENGTH) {
            throw new IllegalArgumentException("a proof is " + ProofKey.MAC_LENGTH + " bytes, got " + mac.length);
        }
        mac = mac.clone();
    }

    /** Reads the three header values; a missing or malformed one is named in the message. */
    public static RequestProof fromHeaders(String key, String timestamp, String proof) {
        WgKey nodeKey;
        long seconds;
        byte[] mac;
        String keyText = required(ProofHeaders.KEY, key);
        try {
            nodeKey = WgKey.parseBase64(keyText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("header " + ProofHeaders.KEY + ": " + e.getMessage());
        }
        try {
            seconds = Long.parseLong(required(ProofHeaders.TIMESTAMP, timestamp).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("header " + ProofHeaders.TIMESTAMP + " must be Unix seconds");
        }
        try {
            mac = Base64.getDecoder().decode(required(ProofHeaders.PROOF, proof).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("header " + ProofHeaders.PROOF + " is not valid base64");
        }
        if (mac.length != ProofKey.MAC_LENGTH) {
            throw new IllegalArgumentException("header " + ProofHeaders.PROOF + " decodes to " + mac.length
                    + " bytes, expected " + ProofKey.MAC_LENGTH);
        }
        return new RequestProof(nodeKey, seconds, mac);
    }

    private static String required(String header, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("header " + header + " is missing");
        }
        return value;
    }

    /** Header name to value, in a stable order. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ProofHeaders.KEY, nodeKey.base64());
        headers.put(ProofHeaders.TIMESTAMP, Long.toString(timestamp));
        headers.put(ProofHeaders.PROOF, Base64.getEncoder().encodeToString(mac));
        return headers;
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestProof p && nodeKey.equals(p.nodeKey) && timestamp == p.timestamp && Arrays.equals(mac, p.mac);
    }

    @Override
    public int hashCode() {
        return nodeKey.hashCode() * 31 + Long.hashCode(timestamp);
    }
}
