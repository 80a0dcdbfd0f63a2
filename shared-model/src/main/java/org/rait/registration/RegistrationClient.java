package org.rait.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.rait.health.HealthReport;
import org.rait.health.HealthReportJson;
import org.rait.keys.WgKey;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A node's calls to the registry, each proved with its WireGuard private key (see {@link NodeProver}): registering
 * its entry, and reporting its health.
 */
public final class RegistrationClient {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    private final HttpUrl base;
    private final OkHttpClient http;
    private final Clock clock;

    /**
     * @param registry base URL, e.g. https://registry.example.net:8443
     * @param pin      trust exactly this certificate key (for a self-signed registry); empty = the system's CAs
     */
    public RegistrationClient(String registry, Optional<CertificatePin> pin, Clock clock) {
        HttpUrl parsed = HttpUrl.parse(registry);
        if (parsed == null || !parsed.isHttps()) {
            throw new IllegalArgumentException("registry URL must be https://HOST[:PORT][/PATH], got '" + registry + "'");
        }
        this.base = parsed;
        // No redirect is followed: the proof covers the path, and one to http:// or another host would carry it
        // (and the enrollment token) where the operator did not point.
        OkHttpClient.Builder builder = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30))
                .followRedirects(false).followSslRedirects(false);
        this.http = pin.map(p -> p.applyTo(builder)).orElse(builder).build();
        this.clock = clock;
    }

    public WgKey registrationKey() throws RegistrationFailed {
        JsonNode answer = call(new Request.Builder().url(resolve("v1/registration-key")).build());
        try {
            return WgKey.parseBase64(answer.path("public_key").asText(""));
        } catch (IllegalArgumentException e) {
            throw new RegistrationFailed(200, base + " answered with no usable registration key: " + e.getMessage());
        }
    }

    /** Sends the entry; the private key never leaves this process, only the proof does. */
    public RegistrationReceipt register(NodeProver node, Peer entry, Optional<String> enrollmentToken) throws RegistrationFailed {
        if (!entry.publicKey().equals(node.publicKey())) {
            throw new IllegalArgumentException("the entry's public key is not the prover's");
        }
        WgKey registryKey = registrationKey();
        byte[] body = body(entry, enrollmentToken);
        HttpUrl url = resolve("v1/nodes");
        RequestProof proof = node.prove(registryKey, "POST", url.encodedPath(), clock.instant().getEpochSecond(), body);
        Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON));
        proof.headers().forEach(request::header);
        JsonNode answer = call(request.build());
        JsonNode serial = answer.path("serial");
        return new RegistrationReceipt(answer.path("node").path("state").asText("unknown"), answer.path("created").asBoolean(),
                serial.isNumber() ? OptionalLong.of(serial.asLong()) : OptionalLong.empty());
    }

    /**
     * Sends a health report about this node (POST v1/reports), proved like a registration.
     *
     * @param registryKey the registration key, fetched once with {@link #registrationKey()}
     * @param timestamp   Unix seconds, newer than the node's previous report (the registry refuses replays)
     */
    public void report(NodeProver node, WgKey registryKey, HealthReport report, long timestamp) throws RegistrationFailed {
        byte[] body = HealthReportJson.write(report);
        HttpUrl url = resolve("v1/reports");
        RequestProof proof = node.prove(registryKey, "POST", url.encodedPath(), timestamp, body);
        Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON));
        proof.headers().forEach(request::header);
        call(request.build());
    }

    private HttpUrl resolve(String relative) {
        HttpUrl url = base.newBuilder().encodedPath(base.encodedPath().endsWith("/") ? base.encodedPath() : base.encodedPath() + "/")
                .build().resolve(relative);
        if (url == null) {
            throw new IllegalStateException("cannot resolve " + relative + " against " + base);
        }
        return url;
    }

    private static byte[] body(Peer entry, Optional<String> enrollmentToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", entry.name());
        body.put("endpoints", entry.endpoints().stream().map(RegistrationClient::endpoint).toList());
        enrollmentToken.ifPresent(t -> body.put("enrollment_token", t));
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("registration body cannot be written as JSON", e);
        }
    }

    private static Map<String, Object> endpoint(Endpoint endpoint) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("address_family", endpoint.addressFamily().spelling());
        out.put("send_port", endpoint.sendPort());
        out.put("address", endpoint.address());
        return out;
    }

    private JsonNode call(Request request) throws RegistrationFailed {
        try (Response response = http.newCall(request).execute()) {
            if (response.isRedirect()) {
                throw new RegistrationFailed(response.code(), request.method() + " " + request.url() + " answered "
                        + response.code() + " with a redirect to " + response.header("Location")
                        + "; redirects are not followed: give the registry's final https URL");
            }
            byte[] bytes = response.body().byteStream().readNBytes(MAX_ANSWER_BYTES);
            JsonNode answer;
            try {
                answer = bytes.length == 0 ? MAPPER.nullNode() : MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new RegistrationFailed(response.code(), request.method() + " " + request.url() + " answered "
                        + response.code() + " with something that is not JSON");
            }
            if (!response.isSuccessful()) {
                throw new RegistrationFailed(response.code(), request.method() + " " + request.url() + " refused ("
                        + response.code() + "): " + answer.path("error").asText("no reason given"));
            }
            return answer;
        } catch (IOException e) {
            throw new RegistrationFailed("cannot reach the registry at " + request.url() + ": "
                    + UntrustedCertificate.advice(request.url().toString(), e).orElse(e.getMessage()), e);
        }
    }
}
