package org.rait.fetch;

import java.time.Duration;
import java.util.Optional;

/** A fetch failed; carries the reason, the URL and, when the server sent one, its Retry-After. */
public class FetchException extends Exception {
    private final FetchFailure failure;
    private final String url;
    private final transient Optional<Duration> retryAfter;

    public FetchException(FetchFailure failure, String url, String detail, Optional<Duration> retryAfter, Throwable cause) {
        super("fetch " + url + " failed: " + failure.label() + (detail.isEmpty() ? "" : " (" + detail + ")"), cause);
        this.failure = failure;
        this.url = url;
        this.retryAfter = retryAfter;
    }

    public FetchException(FetchFailure failure, String url, String detail) {
        this(failure, url, detail, Optional.empty(), null);
    }

    public FetchFailure failure() {
        return failure;
    }

    public String url() {
        return url;
    }

    /** The delay the server asked for (Retry-After), if any. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
