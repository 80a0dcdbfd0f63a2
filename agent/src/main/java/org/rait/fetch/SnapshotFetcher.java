package org.rait.fetch;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.rait.registration.UntrustedCertificate;
import org.rait.registration.CertificatePin;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Fetches peers.conf and peers.conf.minisig over HTTP(S): conditional on the ETag of the snapshot we hold,
 * with a size cap and timeouts, retried with exponential backoff and jitter (Retry-After honoured), behind a
 * circuit breaker so that a dead registry is not hammered. One instance lives as long as the agent, so the
 * breaker remembers failures across passes.
 */
public final class SnapshotFetcher implements AutoCloseable {
    public static final String SERIAL_HEADER = "X-Rait-Serial";
    public static final String SIGNATURE_SUFFIX = ".minisig";

    private final HttpUrl bodyUrl;
    private final HttpUrl signatureUrl;
    private final FetchPolicy policy;
    private final OkHttpClient http;
    private final Clock clock;
    private final Backoff backoff;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final Consumer<String> attempts;
    /** When the fetch in progress must be over, attempts and waits included (System.nanoTime). */
    private volatile long deadlineNanos;

    /**
     * @param tlsPin   trust exactly this registry key (a self-signed registry); empty = the system's CAs
     * @param attempts told the outcome of every single request pair ("changed", "not_modified" or a
     *                 {@link FetchFailure#label()}), for metrics
     */
    public SnapshotFetcher(String url, FetchPolicy policy, Optional<CertificatePin> tlsPin, Clock clock, Consumer<String> attempts) {
        this.bodyUrl = HttpUrl.parse(url);
        if (bodyUrl == null) throw new IllegalArgumentException("not an http(s) URL: " + url);
        this.signatureUrl = bodyUrl.newBuilder().encodedPath(bodyUrl.encodedPath() + SIGNATURE_SUFFIX).build();
        this.policy = policy;
        this.clock = clock;
        this.attempts = attempts;
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        tlsPin.ifPresent(pin -> pin.applyTo(builder));
        this.http = builder
                .connectTimeout(policy.connectTimeout())
                .readTimeout(policy.readTimeout())
                .callTimeout(policy.callTimeout())
                // Our Retry decides about retries; okhttp's silent one would hide attempts from it.
                .retryOnConnectionFailure(false)
                // Redirects are followed here, same origin only (see download).
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
        this.backoff = new Backoff(policy, () -> ThreadLocalRandom.current().nextDouble());
        this.breaker = CircuitBreaker.of("peers-fetch", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(policy.breakerWindow())
                .minimumNumberOfCalls(policy.breakerWindow())
                .failureRateThreshold(100)
                .waitDurationInOpenState(policy.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(e -> e instanceof FetchException f && f.failure().retriable())
                .build());
        this.retry = Retry.of("peers-fetch", RetryConfig.<FetchResult>custom()
                .maxAttempts(policy.maxAttempts())
                .retryOnException(e -> e instanceof FetchException f && f.failure().retriable()
                        && backoff.allowsRetryWithinPass(f.retryAfter()) && remaining().toMillis() > 0)
                .intervalBiFunction((IntervalBiFunction<FetchResult>) (attempt, outcome) -> Math.max(1, Math.min(
                        remaining().toMillis(), backoff.after(attempt,
                                outcome.isLeft() && outcome.getLeft() instanceof FetchException f ? f.retryAfter() : Optional.empty())
                                .toMillis())))
                .build());
    }

    public String url() {
        return bodyUrl.toString();
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /**
     * Fetches the peer list unless it still has the given ETag.
     *
     * @param etag          the ETag of the snapshot we hold, if any
     * @param withSignature false only when the operator turned verification off
     * @throws FetchException after the last attempt failed, or at once when the breaker is open
     */
    public FetchResult fetch(Optional<String> etag, boolean withSignature) throws FetchException {
        deadlineNanos = System.nanoTime() + policy.deadline().toNanos();
        try {
            return Retry.decorateCheckedSupplier(retry,
                    CircuitBreaker.decorateCheckedSupplier(breaker, () -> attempt(etag, withSignature))).get();
        } catch (FetchException e) {
            throw e;
        } catch (CallNotPermittedException e) {
            attempts.accept(FetchFailure.CIRCUIT_OPEN.label());
            throw new FetchException(FetchFailure.CIRCUIT_OPEN, url(),
                    "too many failures in a row, next try after " + policy.breakerOpenFor().toSeconds() + "s");
        } catch (Throwable e) {
            throw new IllegalStateException("unexpected failure fetching " + url(), e);
        }
    }

    private FetchResult attempt(Optional<String> etag, boolean withSignature) throws FetchException {
        try {
            FetchResult result = attemptOnce(etag, withSignature);
            attempts.accept(result instanceof FetchResult.Changed ? "changed" : "not_modified");
            return result;
        } catch (FetchException e) {
            attempts.accept(e.failure().label());
            throw e;
        }
    }

    private FetchResult attemptOnce(Optional<String> etag, boolean withSignature) throws FetchException {
        Request.Builder request = new Request.Builder().url(bodyUrl).get();
        etag.ifPresent(tag -> request.header("If-None-Match", tag));
        Download body = download(request.build(), policy.maxBodyBytes(), true);
        if (body.notModified()) return new FetchResult.NotModified();
        Optional<byte[]> signature = Optional.empty();
        if (withSignature) {
            Download sig = download(new Request.Builder().url(signatureUrl).get().build(), policy.maxSignatureBytes(), false);
            if (body.serial().isPresent() && sig.serial().isPresent()
                    && body.serial().getAsLong() != sig.serial().getAsLong()) {
                throw new FetchException(FetchFailure.MISMATCHED_PAIR, url(),
                        "body has serial " + body.serial().getAsLong() + ", signature has serial " + sig.serial().getAsLong());
            }
            signature = Optional.of(sig.bytes());
        }
        return new FetchResult.Changed(new FetchedSnapshot(url(), body.bytes(), signature, body.etag(), body.serial()));
    }

    private record Download(boolean notModified, byte[] bytes, Optional<String> etag, OptionalLong serial) {
    }

    /** At most this many redirects per request. */
    private static final int MAX_REDIRECTS = 5;

    private Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    private Download download(Request first, long cap, boolean conditional) throws FetchException {
        Request request = first;
        for (int hop = 0; ; hop++) {
            String url = request.url().toString();
            boolean headersRead = false;
            try (Response response = call(request).execute()) {
                headersRead = true;
                if (response.isRedirect()) {
                    request = followed(request, response, hop);
                    continue;
                }
                int code = response.code();
                OptionalLong serial = serialHeader(response, url);
                if (conditional && code == 304) {
                    return new Download(true, new byte[0], Optional.empty(), serial);
                }
                if (code < 200 || code > 299) throw statusFailure(response, url);
                ResponseBody body = response.body();
                if (body.contentLength() > cap) {
                    throw new FetchException(FetchFailure.OVERSIZED, url,
                            "Content-Length " + body.contentLength() + " exceeds the cap of " + cap + " bytes");
                }
                byte[] bytes = readCapped(body.source(), cap, url);
                return new Download(false, bytes, Optional.ofNullable(response.header("ETag")), serial);
            } catch (InterruptedIOException e) {
                throw new FetchException(remaining().isZero() ? FetchFailure.DEADLINE : FetchFailure.TIMEOUT, url,
                        String.valueOf(e.getMessage()) + (remaining().isZero() ? "; the fetch's deadline of "
                                + policy.deadline().toSeconds() + "s passed" : ""), Optional.empty(), e);
            } catch (IOException e) {
                throw new FetchException(headersRead ? FetchFailure.TRUNCATED : FetchFailure.CONNECTION, url,
                        UntrustedCertificate.advice(url, e).orElse(e.getClass().getSimpleName() + ": " + e.getMessage()),
                        Optional.empty(), e);
            }
        }
    }

    /** A call bounded by its own timeout and by what is left of the fetch's deadline (connect, headers, body). */
    private Call call(Request request) throws FetchException {
        Duration left = remaining();
        if (left.isZero()) {
            throw new FetchException(FetchFailure.DEADLINE, request.url().toString(),
                    "the fetch's deadline of " + policy.deadline().toSeconds() + "s passed");
        }
        Call call = http.newCall(request);
        call.timeout().timeout(Math.min(policy.callTimeout().toNanos(), left.toNanos()), TimeUnit.NANOSECONDS);
        return call;
    }

    /**
     * The request a redirect leads to. Followed only within the same scheme, host and port (a moved path): a
     * redirect elsewhere could lead a pinned https agent to plain http or to another server, so it is refused.
     */
    private static Request followed(Request request, Response response, int hop) throws FetchException {
        String url = request.url().toString();
        String location = response.header("Location");
        HttpUrl target = location == null ? null : request.url().resolve(location);
        HttpUrl from = request.url();
        if (target == null || !target.scheme().equals(from.scheme()) || !target.host().equals(from.host()) || target.port() != from.port()) {
            throw new FetchException(FetchFailure.REDIRECT_REFUSED, url, "HTTP " + response.code() + " to "
                    + (target == null ? "'" + location + "'" : target.toString()) + ": only redirects within "
                    + from.scheme() + "://" + from.host() + ":" + from.port() + " are followed");
        }
        if (hop + 1 > MAX_REDIRECTS) {
            throw new FetchException(FetchFailure.REDIRECT_REFUSED, url, "more than " + MAX_REDIRECTS + " redirects");
        }
        return request.newBuilder().url(target).build();
    }

    private static byte[] readCapped(BufferedSource source, long cap, String url) throws IOException, FetchException {
        Buffer buffer = new Buffer();
        while (source.read(buffer, 8192) != -1) {
            if (buffer.size() > cap) {
                throw new FetchException(FetchFailure.OVERSIZED, url, "body exceeds the cap of " + cap + " bytes");
            }
        }
        return buffer.readByteArray();
    }

    private FetchException statusFailure(Response response, String url) {
        int code = response.code();
        boolean serverSide = code >= 500 || code == 408 || code == 429;
        Optional<Duration> asked = RetryAfter.parse(response.header("Retry-After"), clock.instant());
        Optional<Duration> retryAfter = asked.map(d -> d.compareTo(policy.retryAfterCap()) > 0 ? policy.retryAfterCap() : d);
        String detail = "HTTP " + code + asked.map(d -> ", Retry-After " + d.toSeconds() + "s"
                + (d.equals(retryAfter.get()) ? "" : " (honoured: " + retryAfter.get().toMillis() + " ms, the cap)")).orElse("");
        return new FetchException(serverSide ? FetchFailure.SERVER_ERROR : FetchFailure.CLIENT_ERROR, url, detail, retryAfter, null);
    }

    private static OptionalLong serialHeader(Response response, String url) throws FetchException {
        String value = response.header(SERIAL_HEADER);
        if (value == null) return OptionalLong.empty();
        try {
            return OptionalLong.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            throw new FetchException(FetchFailure.SERVER_ERROR, url, SERIAL_HEADER + " is not a number: " + value);
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
