package org.rait.registry.http;

import com.sun.net.httpserver.HttpExchange;
import org.rait.registry.Refusal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One HTTP exchange as the handlers see it: capped body, path parameters, query, responses. */
public final class Request {
    private final HttpExchange exchange;
    private final Map<String, String> params;
    private final int maxBodyBytes;
    private byte[] body;
    private int status;

    Request(HttpExchange exchange, Map<String, String> params, int maxBodyBytes) {
        this.exchange = exchange;
        this.params = params;
        this.maxBodyBytes = maxBodyBytes;
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    /** Path and query exactly as sent (what a registration proof covers). */
    public String rawPathAndQuery() {
        String query = exchange.getRequestURI().getRawQuery();
        return exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
    }

    public String param(String name) {
        return params.get(name);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    public Optional<String> query(String name) {
        String raw = exchange.getRequestURI().getRawQuery();
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
            try (InputStream in = exchange.getRequestBody()) {
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
        if (!contentType.isEmpty() && !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new Refusal(Refusal.Kind.INVALID, "Content-Type must be application/json, got '" + contentType + "'");
        }
        return Json.read(body(), type);
    }

    public void setHeader(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
    }

    public void respondJson(int code, Object value) throws IOException {
        respond(code, "application/json", Json.write(value));
    }

    public void respond(int code, String contentType, byte[] bytes) throws IOException {
        setHeader("Content-Type", contentType);
        status = code;
        exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public void respondEmpty(int code) throws IOException {
        status = code;
        exchange.sendResponseHeaders(code, -1);
        exchange.getResponseBody().close();
    }

    int status() {
        return status;
    }

    boolean responded() {
        return status != 0;
    }

    /** The body exceeded the configured cap. */
    static final class BodyTooLarge extends IOException {
        BodyTooLarge(int cap) {
            super("the request body is larger than " + cap + " bytes");
        }
    }
}
