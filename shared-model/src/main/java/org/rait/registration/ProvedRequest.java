package org.rait.registration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The parts of an HTTP request that a proof covers: method, path (with query, exactly as sent),
 * timestamp and the SHA-256 of the body. Anything else (other headers) can be changed in transit
 * without breaking the proof, and nothing else matters to the registry.
 */
public record ProvedRequest(String method, String path, long timestamp, byte[] body) {
    private static final String DOMAIN = "rait-registration-request-v1";

    public ProvedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        body = body.clone();
    }

    /** The bytes the HMAC is computed over; newline-separated, the body represented by its hash. */
    byte[] canonical() {
        String text = DOMAIN + "\n" + method + "\n" + path + "\n" + timestamp + "\n" + HexFormat.of().formatHex(sha256(body));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
