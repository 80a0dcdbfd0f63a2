package org.rait.registry.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.rait.registry.Refusal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One HTTP exchange as the handlers see it: capped body, path parameters, query, one response. */
public final class Request {
    private final org.eclipse.jetty.server.Request request;
    private final Response response;
    private final Callback callback;
    private final Map<String, String> params;
    private final int maxBodyBytes;
    private byte[] body;
    private boolean responded;
    private int status;

    Request(org.eclipse.jetty.server.Request request, Response response, Callback callback, Map<String, String> params,
            int maxBodyBytes) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.params = params;
        this.maxBodyBytes = maxBodyBytes;
    }

    public String method() {
        return request.getMethod();
    }

    /** Path and query exactly as sent (what a registration proof covers). */
    public String rawPathAndQuery() {
        String query = request.getHttpURI().getQuery();
        return rawPath() + (query == null ? "" : "?" + query);
    }

    String rawPath() {
        return request.getHttpURI().getPath();
    }

    public String param(String name) {
        return params.get(name);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    /** A well-known header: found by Jetty's parsed name, without comparing names letter by letter. */
    Optional<String> header(HttpHeader name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    /**
     * Every Cookie header as one: over HTTP/2 a browser may send each cookie in a header of its own (RFC 9113
     * section 8.2.3), and a header() would see only the first.
     */
    public Optional<String> cookies() {
        java.util.List<String> values = request.getHeaders().getValuesList("Cookie");
        return values.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", values));
    }

    /** The client's address (the TCP peer; no forwarding headers are believed). */
    public String remoteAddress() {
        return org.eclipse.jetty.server.Request.getRemoteAddr(request);
    }

    public Optional<String> query(String name) {
        String raw = request.getHttpURI().getQuery();
        if (raw == null) return Optional.empty();
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.putIfAbsent(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return Optional.ofNullable(values.get(name));
    }

    /** The body, read once, refused (413) when larger than the cap. */
    public byte[] body() throws IOException {
        if (body == null) {
            try (InputStream in = Content.Source.asInputStream(request)) {
                byte[] read = in.readNBytes(maxBodyBytes + 1);
                if (read.length > maxBodyBytes) {
                    throw new BodyTooLarge(maxBodyBytes);
                }
                body = read;
            }
        }
        return body;
    }

    public <T> T json(Class<T> type) throws IOException {
        String contentType = header("Content-Type").orElse("");
        if (!contentType.isEmpty() && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new Refusal(Refusal.Kind.INVALID, "Content-Type must be application/json, got '" + contentType + "'");
        }
        return Json.read(body(), type);
    }

    public void setHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }

    public void respondJson(int code, Object value) {
        respond(code, "application/json", Json.write(value));
    }

    public void respond(int code, String contentType, byte[] bytes) {
        setHeader("Content-Type", contentType);
        send(code, List.of(), bytes.length == 0 ? null : ByteBuffer.wrap(bytes));
    }

    public void respondEmpty(int code) {
        send(code, List.of(), null);
    }

    /**
     * Sends prepared header fields and body (or none): the bytes a snapshot answer needs are made once
     * per snapshot, not per request. The buffer is not changed.
     */
    void send(int code, List<HttpField> fields, ByteBuffer content) {
        if (responded) throw new IllegalStateException("a response was already sent for " + method() + " " + rawPath());
        responded = true;
        status = code;
        response.setStatus(code);
        for (HttpField field : fields) {
            response.getHeaders().put(field);
        }
        if (content == null) {
            response.write(true, null, callback);
        } else {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, content.remaining());
            response.write(true, content.slice(), callback);
        }
    }

    boolean responded() {
        return responded;
    }

    /** The status sent (0 before), kept here: Jetty may reuse its response object once the answer is out. */
    int status() {
        return status;
    }

    /** The body exceeded the configured cap. */
    static final class BodyTooLarge extends IOException {
        BodyTooLarge(int cap) {
            super("the request body is larger than " + cap + " bytes");
        }
    }
}
