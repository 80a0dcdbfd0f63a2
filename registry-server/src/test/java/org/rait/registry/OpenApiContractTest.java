package org.rait.registry;

import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.swagger.v3.oas.models.OpenAPI;
import org.rait.registry.http.Route;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** openapi.yaml and the server describe the same API: same operations, and each one answers. */
class OpenApiContractTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @TempDir
    Path dir;

    @Test
    void everyDocumentedOperationIsARouteAndEveryRouteIsDocumented() throws Exception {
        try (RunningRegistry registry = RunningRegistry.start(dir.resolve("data"))) {
            Set<String> served = new TreeSet<>();
            for (Route route : registry.server.routes()) {
                served.add(route.method() + " " + route.path().text());
            }

            assertEquals(documentedOperations(), served);
        }
    }

    @Test
    void everyDocumentedOperationAnswersSomethingOtherThan404Or405() throws Exception {
        try (RunningRegistry registry = RunningRegistry.start(dir.resolve("data"))) {
            for (String operation : documentedOperations()) {
                String method = operation.substring(0, operation.indexOf(' '));
                String path = operation.substring(operation.indexOf(' ') + 1).replace("{key}", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
                RequestBody body = method.equals("GET") || method.equals("DELETE") ? null : RequestBody.create("{}", RunningRegistry.JSON);
                Request request = new Request.Builder().url(registry.url(path)).method(method, body).build();
                try (Response response = registry.http.newCall(request).execute()) {
                    assertNotEquals(404, response.code(), operation);
                    assertNotEquals(405, response.code(), operation);
                }
            }
        }
    }

    /**
     * What a client gets wrong most (no or a bad token, a key that is not one, a body that is not JSON, an
     * unknown query value) is answered with a status the document lists for that operation.
     */
    @Test
    void everyAnswerToAMistakeIsAStatusTheOperationDocuments() throws Exception {
        OpenAPI api = OpenApiDocumentTest.parse().getOpenAPI();
        List<String> undocumented = new ArrayList<>();
        try (RunningRegistry registry = RunningRegistry.start(dir.resolve("data"))) {
            OpenApiDocumentTest.forEachOperation(api, (operation, documented) -> {
                String method = operation.substring(0, operation.indexOf(' '));
                String template = operation.substring(operation.indexOf(' ') + 1);
                List<Request.Builder> mistakes = new ArrayList<>();
                for (String token : new String[] {null, "rait-admin-wrong", registry.adminToken}) {
                    for (String key : new String[] {"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not-a-key"}) {
                        for (String body : new String[] {"{}", "{", "{\"unknown\": 1}"}) {
                            String query = template.startsWith("/peers") ? "?format=bogus"
                                    : template.equals("/v1/admin/nodes") ? "?state=bogus" : template.endsWith("/audit") ? "?limit=0" : "";
                            boolean bodiless = method.equals("GET") || method.equals("DELETE");
                            Request.Builder request = new Request.Builder().url(registry.url(template.replace("{key}", key) + query))
                                    .method(method, bodiless ? null : RequestBody.create(body, RunningRegistry.JSON));
                            if (token != null) request.header("Authorization", "Bearer " + token);
                            mistakes.add(request);
                        }
                    }
                }
                for (Request.Builder mistake : mistakes) {
                    Request request = mistake.build();
                    try (Response response = registry.http.newCall(request).execute()) {
                        String status = Integer.toString(response.code());
                        if (!documented.getResponses().containsKey(status)) {
                            undocumented.add(operation + " answered " + status + " to " + request.url());
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        }
        assertEquals(List.of(), undocumented.stream().distinct().toList());
    }

    @SuppressWarnings("unchecked")
    private static Set<String> documentedOperations() throws Exception {
        try (InputStream in = OpenApiContractTest.class.getResourceAsStream("/openapi.yaml")) {
            assertNotNull(in, "openapi.yaml is on the class path");
            Map<String, Object> document = new Yaml().load(in);
            Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
            Set<String> operations = new TreeSet<>();
            paths.forEach((path, item) -> item.keySet().stream().filter(METHODS::contains)
                    .forEach(method -> operations.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path)));
            return operations;
        }
    }
}
