package org.rait.registry.snapshot;

import org.rait.snapshot.SnapshotFormat;

/**
 * One rendering of a snapshot and its detached minisign signature. It owns its bytes (a body of
 * 5,000 peers is 1.4 MB): made only here from freshly rendered or freshly read arrays, and handed
 * out as copies, except to this package's store and mirror writers, which only read them.
 */
public final class SignedBody {
    private final long serial;
    private final SnapshotFormat format;
    private final byte[] body;
    private final String signature;

    SignedBody(long serial, SnapshotFormat format, byte[] body, String signature) {
        this.serial = serial;
        this.format = format;
        this.body = body;
        this.signature = signature;
    }

    public long serial() {
        return serial;
    }

    public SnapshotFormat format() {
        return format;
    }

    public byte[] body() {
        return body.clone();
    }

    public String signature() {
        return signature;
    }

    /** The bytes themselves, for readers in this package that never change them. */
    byte[] bytes() {
        return body;
    }

    /** Strong ETag of the body: serial and format identify the bytes exactly. */
    public String bodyEtag() {
        return "\"" + serial + "-" + format.word() + "\"";
    }

    public String signatureEtag() {
        return "\"" + serial + "-" + format.word() + "-minisig\"";
    }
}
