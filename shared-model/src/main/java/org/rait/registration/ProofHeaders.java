package org.rait.registration;

/** The HTTP headers that carry a {@link RequestProof}. */
public final class ProofHeaders {
    /** The node's WireGuard public key, base64. */
    public static final String KEY = "X-Rait-Key";
    /** Unix seconds at which the node made the request. */
    public static final String TIMESTAMP = "X-Rait-Timestamp";
    /** HMAC-SHA256 of the request, base64. */
    public static final String PROOF = "X-Rait-Proof";

    private ProofHeaders() {
    }
}
