package org.rait.registry.snapshot;

import org.rait.snapshot.SnapshotFormat;

/** One rendering of a snapshot and its detached minisign signature. */
public record SignedBody(long serial, SnapshotFormat format, byte[] body, String signature) {
    public SignedBody {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Strong ETag of the body: serial and format identify the bytes exactly. */
    public String bodyEtag() {
        return "\"" + serial + "-" + format.word() + "\"";
    }

    public String signatureEtag() {
        return "\"" + serial + "-" + format.word() + "-minisig\"";
    }
}
