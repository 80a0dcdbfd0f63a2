package org.rait.registry.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.rait.registry.snapshot.PublishedSnapshot;
import org.rait.registry.snapshot.SignedBody;
import org.rait.snapshot.SnapshotFormat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The ready-made answers (bytes and encoded headers) for the body and signature of one snapshot in both formats. */
record SnapshotAnswers(PublishedSnapshot snapshot, Answer blockBody, Answer tomlBody, Answer blockSignature,
                       Answer tomlSignature) {
    private static final String TEXT = "text/plain; charset=utf-8";

    static SnapshotAnswers of(PublishedSnapshot snapshot) {
        SignedBody block = snapshot.block();
        SignedBody toml = snapshot.toml();
        return new SnapshotAnswers(snapshot,
                Answer.of(block, block.bodyEtag(), TEXT, block.body()),
                Answer.of(toml, toml.bodyEtag(), "application/toml; charset=utf-8", toml.body()),
                Answer.of(block, block.signatureEtag(), TEXT, block.signature().getBytes(StandardCharsets.UTF_8)),
                Answer.of(toml, toml.signatureEtag(), TEXT, toml.signature().getBytes(StandardCharsets.UTF_8)));
    }

    Answer body(SnapshotFormat format) {
        return format == SnapshotFormat.BLOCK ? blockBody : tomlBody;
    }

    Answer signature(SnapshotFormat format) {
        return format == SnapshotFormat.BLOCK ? blockSignature : tomlSignature;
    }

    /** One answer: its ETag, the header fields of a 200 and of a 304, and the body (callers send slices of it). */
    record Answer(String etag, List<HttpField> fields, List<HttpField> notModifiedFields, ByteBuffer content) {
        static Answer of(SignedBody signed, String etag, String contentType, byte[] bytes) {
            List<HttpField> common = List.of(new PreEncodedHttpField(HttpHeader.ETAG, etag),
                    new PreEncodedHttpField(SnapshotApi.SERIAL_HEADER, Long.toString(signed.serial())),
                    new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-cache"),
                    new PreEncodedHttpField(HttpHeader.VARY, "Accept"));
            List<HttpField> full = new ArrayList<>(common);
            full.add(new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, contentType));
            return new Answer(etag, List.copyOf(full), common, ByteBuffer.wrap(bytes));
        }

        /** If-None-Match: a list of ETags or "*". */
        boolean matches(String ifNoneMatch) {
            return ifNoneMatch.equals(etag)
                    || Arrays.stream(ifNoneMatch.split(",")).map(String::strip).anyMatch(t -> t.equals("*") || t.equals(etag));
        }
    }
}
