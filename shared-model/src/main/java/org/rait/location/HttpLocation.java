package org.rait.location;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An http:// or https:// URL: GET to read, PUT to write, through okhttp with the limits' timeouts.
 * Every failure (status, TLS, timeout, truncated or oversized body) is a message naming the URL.
 */
public final class HttpLocation implements Location {
    /** One client per limits: clients share connection pools and threads, so they are reused. */
    private static final Map<TransferLimits, OkHttpClient> CLIENTS = new ConcurrentHashMap<>();
    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");

    private final String text;
    private final HttpUrl url;
    private final TransferLimits limits;

    /** {@code text} is the URL as the operator wrote it, for messages. */
    HttpLocation(String text, HttpUrl url, TransferLimits limits) {
        this.text = text;
        this.url = url;
        this.limits = limits;
    }

    @Override
    public byte[] read() throws LocationException {
        Request request = new Request.Builder().url(url).get().build();
        try (Response response = client().newCall(request).execute()) {
            requireSuccess("GET", response);
            return body(response);
        } catch (LocationException e) {
            throw e;
        } catch (IOException e) {
            throw failure("GET", e);
        }
    }

    @Override
    public void write(byte[] content) throws LocationException {
        Request request = new Request.Builder().url(url).put(RequestBody.create(content, TEXT)).build();
        try (Response response = client().newCall(request).execute()) {
            requireSuccess("PUT", response);
        } catch (LocationException e) {
            throw e;
        } catch (IOException e) {
            throw failure("PUT", e);
        }
    }

    private void requireSuccess(String method, Response response) throws LocationException {
        if (response.isSuccessful()) return;
        String reason = response.code() == 404 ? "404 Not Found" : "HTTP " + response.code() + " " + response.message();
        throw new LocationException(method + " " + text + " failed: " + reason.strip());
    }

    private byte[] body(Response response) throws LocationException {
        ResponseBody body = response.body();
        long declared = body.contentLength();
        if (declared > limits.maxBytes()) throw tooLarge();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        try (InputStream in = body.byteStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > limits.maxBytes()) throw tooLarge();
                out.write(buffer, 0, n);
            }
        } catch (LocationException e) {
            throw e;
        } catch (IOException e) {
            if (declared >= 0 && total < declared) throw truncated(total, declared, e);
            throw failure("GET", e);
        }
        if (declared >= 0 && total != declared) throw truncated(total, declared, null);
        return out.toByteArray();
    }

    private LocationException truncated(long got, long declared, IOException cause) {
        return new LocationException("GET " + text + " failed: body truncated, got " + got + " of " + declared
                + " bytes (Content-Length)", cause);
    }

    private LocationException tooLarge() {
        return new LocationException("GET " + text + " failed: body larger than the limit of " + limits.maxBytes() + " bytes");
    }

    private LocationException failure(String method, IOException e) {
        String reason;
        if (e instanceof SSLException) {
            reason = "TLS failure: " + e.getMessage();
        } else if (e instanceof UnknownHostException) {
            reason = "unknown host " + url.host();
        } else if (e instanceof ConnectException) {
            reason = "cannot connect: " + e.getMessage();
        } else if (e instanceof InterruptedIOException) {
            reason = "timed out (connect " + limits.connectTimeout().toSeconds() + "s, read "
                    + limits.readTimeout().toSeconds() + "s)";
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new LocationException(method + " " + text + " failed: " + reason, e);
    }

    private OkHttpClient client() {
        return CLIENTS.computeIfAbsent(limits, l -> new OkHttpClient.Builder()
                .connectTimeout(l.connectTimeout())
                .readTimeout(l.readTimeout())
                .writeTimeout(l.readTimeout())
                .build());
    }

    @Override
    public String toString() {
        return text;
    }
}
