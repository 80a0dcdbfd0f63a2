package org.rait.registry.http;

import org.rait.registry.Refusal;
import org.rait.registry.snapshot.SignedBody;
import org.rait.registry.snapshot.SnapshotPublisher;
import org.rait.snapshot.SnapshotFormat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * GET /peers.conf and /peers.conf.minisig. Both carry X-Rait-Serial so a client can tell whether a
 * body and a signature belong together; strong ETags make polling a 304 when nothing changed.
 */
final class SnapshotApi {
    static final String SERIAL_HEADER = "X-Rait-Serial";
    private final SnapshotPublisher publisher;

    SnapshotApi(SnapshotPublisher publisher) {
        this.publisher = publisher;
    }

    void routes(Router router) {
        router.add("GET", "/peers.conf", r -> {
                    SignedBody signed = publisher.current().in(format(r));
                    send(r, signed, signed.bodyEtag(), signed.format() == SnapshotFormat.TOML
                            ? "application/toml; charset=utf-8" : "text/plain; charset=utf-8", signed.body());
                })
                .add("GET", "/peers.conf.minisig", r -> {
                    SignedBody signed = publisher.current().in(format(r));
                    send(r, signed, signed.signatureEtag(), "text/plain; charset=utf-8",
                            signed.signature().getBytes(StandardCharsets.UTF_8));
                });
    }

    private static void send(Request request, SignedBody signed, String etag, String contentType, byte[] bytes)
            throws java.io.IOException {
        request.setHeader("ETag", etag);
        request.setHeader(SERIAL_HEADER, Long.toString(signed.serial()));
        request.setHeader("Cache-Control", "no-cache");
        request.setHeader("Vary", "Accept");
        if (request.header("If-None-Match").map(h -> matches(h, etag)).orElse(false)) {
            request.respondEmpty(304);
        } else {
            request.respond(200, contentType, bytes);
        }
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        return Arrays.stream(ifNoneMatch.split(",")).map(String::strip).anyMatch(t -> t.equals("*") || t.equals(etag));
    }

    /** ?format=block|toml wins; otherwise Accept: application/toml asks for TOML; the default is block. */
    private static SnapshotFormat format(Request request) {
        if (request.query("format").isPresent()) {
            try {
                return SnapshotFormat.fromWord(request.query("format").get());
            } catch (IllegalArgumentException e) {
                throw new Refusal(Refusal.Kind.INVALID, "query parameter format: " + e.getMessage());
            }
        }
        String accept = request.header("Accept").orElse("").toLowerCase(Locale.ROOT);
        return accept.contains("application/toml") ? SnapshotFormat.TOML : SnapshotFormat.BLOCK;
    }
}
