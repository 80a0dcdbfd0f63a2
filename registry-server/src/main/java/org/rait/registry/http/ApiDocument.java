package org.rait.registry.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** GET /v1/openapi.yaml: the API's own description (openapi.yaml, shipped in the jar), for clients and generators. */
final class ApiDocument implements RouteGroup {
    private final byte[] document;

    ApiDocument() {
        try (InputStream in = ApiDocument.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) throw new IllegalStateException("openapi.yaml is missing from the registry's jar");
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read openapi.yaml from the registry's jar", e);
        }
    }

    @Override
    public void routes(Router router) {
        router.add("GET", "/v1/openapi.yaml", r -> r.respond(200, "application/yaml", document));
    }
}
