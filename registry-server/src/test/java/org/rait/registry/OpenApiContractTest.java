package org.rait.registry;

import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.registry.http.Route;
import org.yaml.snakeyaml.Yaml;

import java.io.InputStream;
import java.nio.file.Path;
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
