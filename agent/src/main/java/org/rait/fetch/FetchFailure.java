package org.rait.fetch;

/** Why a fetch of the peer list did not bring back a body and its signature. */
public enum FetchFailure {
    /** No TCP/TLS connection, or it broke before the response headers. */
    CONNECTION(true),
    /** A connect, read or whole-call timeout. */
    TIMEOUT(true),
    /** The connection broke while the body was being read. */
    TRUNCATED(true),
    /** 5xx, 408 or 429: the server may do better later. */
    SERVER_ERROR(true),
    /** Any other non-2xx status (404, 403...): retrying the same request will not help. */
    CLIENT_ERROR(false),
    /** The body or the signature is larger than the configured cap. */
    OVERSIZED(false),
    /** Body and signature were announced for different serials (a publish happened between the two requests). */
    MISMATCHED_PAIR(true),
    /** A redirect to another scheme, host or port (the agent follows only same-origin redirects), or too many. */
    REDIRECT_REFUSED(false),
    /** The whole fetch (every attempt, connect, headers and body) ran past its one deadline. */
    DEADLINE(false),
    /** The circuit breaker is open after repeated failures; no request was sent. */
    CIRCUIT_OPEN(false);

    private final boolean retriable;

    FetchFailure(boolean retriable) {
        this.retriable = retriable;
    }

    /** Whether another attempt within the same pass may succeed. */
    public boolean retriable() {
        return retriable;
    }

    /** The label used in logs and metrics. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
