package org.rait.registry;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** openapi.yaml is a valid OpenAPI 3 document that a client generator can use as it is. */
class OpenApiDocumentTest {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Test
    void theDocumentValidatesWithoutAMessage() throws IOException {
        SwaggerParseResult result = parse();
        assertEquals(List.of(), result.getMessages(), "swagger-parser's messages");
        assertNotNull(result.getOpenAPI());
    }

    @Test
    void everyOperationHasAUniqueOperationIdAndStatesItsSecurity() throws IOException {
        Set<String> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        forEachOperation(parse().getOpenAPI(), (name, operation) -> {
            if (operation.getOperationId() == null) problems.add(name + ": no operationId");
            else if (!ids.add(operation.getOperationId())) problems.add(name + ": operationId " + operation.getOperationId() + " twice");
            if (operation.getSecurity() == null) problems.add(name + ": no security (public operations say security: [])");
            if (operation.getSummary() == null) problems.add(name + ": no summary");
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void everyOperationDocumentsItsErrorsWithTheErrorBody() throws IOException {
        List<String> problems = new ArrayList<>();
        forEachOperation(parse().getOpenAPI(), (name, operation) -> {
            if (!operation.getResponses().containsKey("default")) problems.add(name + ": no default answer (500 and the like)");
            boolean admin = operation.getSecurity() != null && operation.getSecurity().stream().anyMatch(r -> r.containsKey("admin"));
            if (admin && !operation.getResponses().containsKey("401")) problems.add(name + ": admin operation without 401");
            if (operation.getRequestBody() != null) {
                for (String status : List.of("400", "413")) {
                    if (!operation.getResponses().containsKey(status)) problems.add(name + ": takes a body but documents no " + status);
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void theRegistryServesThisDocumentAtV1OpenapiYaml() throws Exception {
        try (RunningRegistry registry = RunningRegistry.start(dir.resolve("data"));
             okhttp3.Response response = registry.http.newCall(new okhttp3.Request.Builder().url(registry.url("/v1/openapi.yaml")).build()).execute()) {
            assertEquals(200, response.code());
            assertEquals("application/yaml", response.header("Content-Type"));
            try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.yaml")) {
                assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), response.body().string());
            }
        }
    }

    static SwaggerParseResult parse() throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.yaml")) {
            assertNotNull(in, "openapi.yaml is on the class path");
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            return new OpenAPIV3Parser().readContents(new String(in.readAllBytes(), StandardCharsets.UTF_8), null, options);
        }
    }

    interface OperationVisitor {
        void visit(String name, Operation operation);
    }

    static void forEachOperation(OpenAPI api, OperationVisitor visitor) {
        assertTrue(api.getPaths() != null && !api.getPaths().isEmpty(), "the document has paths");
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            path.getValue().readOperationsMap().forEach((method, operation) -> visitor.visit(method + " " + path.getKey(), operation));
        }
    }
}
