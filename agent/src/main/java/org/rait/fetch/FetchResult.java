package org.rait.fetch;

/** What a conditional fetch of the peer list brought back. */
public sealed interface FetchResult {
    /** A body (and its signature) different from the one named by the ETag we sent. */
    record Changed(FetchedSnapshot snapshot) implements FetchResult {
    }

    /** 304: the server still publishes what we already hold. */
    record NotModified() implements FetchResult {
    }
}
