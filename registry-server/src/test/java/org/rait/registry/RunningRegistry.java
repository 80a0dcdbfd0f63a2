package org.rait.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.rait.keys.WgKey;
import org.rait.registration.CertificatePin;
import org.rait.registry.config.ListenAddress;
import org.rait.registry.config.RegistryConfig;
import org.rait.registry.http.RegistryServer;
import org.rait.registry.nodes.AdminTokens;
import org.rait.registry.store.RegistryStore;
import org.rait.registry.store.StoreKind;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** A real registry on loopback HTTPS (ephemeral port, temp data dir) and a pinned okhttp client for it. */
public final class RunningRegistry implements AutoCloseable {
    static final MediaType JSON = MediaType.get("application/json");
    static final ObjectMapper MAPPER = new ObjectMapper();

    final Path dataDir;
    final RegistryServer server;
    final OkHttpClient http;
    final String adminToken;

    private RunningRegistry(Path dataDir, RegistryServer server, OkHttpClient http, String adminToken) {
        this.dataDir = dataDir;
        this.server = server;
        this.http = http;
        this.adminToken = adminToken;
    }

    public static RunningRegistry start(Path dataDir) throws Exception {
        return start(dataDir, RegistryConfig.defaults().withDataDir(dataDir).withListen(new ListenAddress("127.0.0.1", 0)));
    }

    /** With a new database of this kind (SQLite: the data directory's file, as by default). */
    public static RunningRegistry start(Path dataDir, StoreKind kind) throws Exception {
        return start(dataDir, RegistryConfig.defaults().withDataDir(dataDir).withListen(new ListenAddress("127.0.0.1", 0))
                .withDatabase(kind.database(dataDir)));
    }

    public static RunningRegistry start(Path dataDir, RegistryConfig config) throws Exception {
        RegistryServer server = RegistryServer.start(config, Clock.systemUTC());
        String token;
        try (RegistryStore store = RegistryStore.open(config.databaseOrDataDirFile())) {
            token = new AdminTokens(store, Clock.systemUTC()).issue("test", "admin-" + System.nanoTime());
        }
        OkHttpClient http = pinnedClient(server.tls().pin());
        return new RunningRegistry(dataDir, server, http, token);
    }

    static OkHttpClient pinnedClient(CertificatePin pin) {
        return pin.applyTo(new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60))).build();
    }

    HttpUrl url(String pathAndQuery) {
        return HttpUrl.get("https://127.0.0.1:" + server.port() + pathAndQuery);
    }

    WgKey registrationKey() throws IOException {
        return WgKey.parseBase64(json(get("/v1/registration-key", Map.of())).get("public_key").asText());
    }

    Response get(String pathAndQuery, Map<String, String> headers) throws IOException {
        Request.Builder request = new Request.Builder().url(url(pathAndQuery));
        headers.forEach(request::header);
        return http.newCall(request.build()).execute();
    }

    /** An admin call with this registry's admin token (or another token when given). */
    Response admin(String method, String path, Object body, String token) throws IOException {
        RequestBody requestBody = body == null ? (method.equals("GET") || method.equals("DELETE") ? null : RequestBody.create(new byte[0], null))
                : RequestBody.create(MAPPER.writeValueAsBytes(body), JSON);
        Request.Builder request = new Request.Builder().url(url(path)).method(method, requestBody);
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.newCall(request.build()).execute();
    }

    JsonNode adminJson(String method, String path, Object body) throws IOException {
        try (Response response = admin(method, path, body, adminToken)) {
            String text = response.body().string();
            if (!response.isSuccessful()) throw new IOException(method + " " + path + " -> " + response.code() + " " + text);
            return MAPPER.readTree(text);
        }
    }

    static JsonNode json(Response response) throws IOException {
        try (response) {
            return MAPPER.readTree(response.body().string());
        }
    }

    static String keyPath(WgKey key) {
        return key.base64().replace('+', '-').replace('/', '_');
    }

    @Override
    public void close() {
        server.close();
    }
}
