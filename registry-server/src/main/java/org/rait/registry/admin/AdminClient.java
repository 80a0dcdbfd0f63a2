package org.rait.registry.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.rait.registration.CertificatePin;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Calls the registry's admin API over HTTPS with a bearer token, trusting a pinned certificate key. */
public final class AdminClient {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpUrl base;
    private final String token;
    private final OkHttpClient http;

    public AdminClient(String url, String token, Optional<CertificatePin> pin) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null || !parsed.isHttps()) {
            throw new IllegalArgumentException("registry URL must be https://HOST[:PORT], got '" + url + "'");
        }
        this.base = parsed;
        this.token = token;
        OkHttpClient.Builder builder = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30));
        this.http = pin.map(p -> p.applyTo(builder)).orElse(builder).build();
    }

    /** @param segments path segments after the base URL (each percent-encoded as needed, '/' included) */
    public JsonNode call(String method, List<String> segments, Optional<Object> body, List<String[]> query)
            throws IOException, AdminCallFailed {
        HttpUrl.Builder url = base.newBuilder();
        segments.forEach(url::addPathSegment);
        query.forEach(q -> url.addQueryParameter(q[0], q[1]));
        RequestBody requestBody = body.isPresent() ? RequestBody.create(MAPPER.writeValueAsBytes(body.get()), JSON)
                : ("POST".equals(method) || "PATCH".equals(method) ? RequestBody.create(new byte[0], null) : null);
        Request request = new Request.Builder().url(url.build()).method(method, requestBody)
                .header("Authorization", "Bearer " + token).build();
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            JsonNode json = text.isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(text);
            if (!response.isSuccessful()) {
                String message = json.has("error") ? json.get("error").asText() : text;
                throw new AdminCallFailed(response.code(), message);
            }
            return json;
        }
    }

    /** The registry answered with an error status. */
    public static final class AdminCallFailed extends Exception {
        private final int status;

        public AdminCallFailed(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
