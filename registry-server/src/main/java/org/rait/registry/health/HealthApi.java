package org.rait.registry.health;

import org.rait.registration.ProofHeaders;
import org.rait.registration.RequestProof;
import org.rait.registry.Refusal;
import org.rait.registry.http.Request;
import org.rait.registry.http.RouteGroup;
import org.rait.registry.http.Router;
import org.rait.registry.metrics.RegistryMetrics;
import org.rait.registry.nodes.AdminTokens;
import org.rait.registry.store.RegistryStore;
import org.rait.snapshot.MinisignSecretKey;
import org.rait.snapshot.SignatureRejected;
import org.rait.snapshot.SignatureVerifier;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Health over HTTP: nodes report (POST /v1/reports, proved like a registration), admins read the mesh matrix
 * (GET /v1/admin/health), and monitoring asks /healthz (is this registry able to serve) and /metrics.
 */
public final class HealthApi implements RouteGroup {
    private static final byte[] PROBE = "rait-registry healthz".getBytes(StandardCharsets.UTF_8);

    private final NodeReports reports;
    private final MeshHealth health;
    private final AdminTokens adminTokens;
    private final RegistryStore store;
    private final MinisignSecretKey signingKey;
    private final RegistryMetrics metrics;

    public HealthApi(NodeReports reports, MeshHealth health, AdminTokens adminTokens, RegistryStore store, MinisignSecretKey signingKey,
                     RegistryMetrics metrics) {
        this.reports = reports;
        this.health = health;
        this.adminTokens = adminTokens;
        this.store = store;
        this.signingKey = signingKey;
        this.metrics = metrics;
    }

    @Override
    public void routes(Router router) {
        router.add("POST", "/v1/reports", this::report)
                .add("GET", "/v1/admin/health", r -> {
                    adminTokens.authenticate(r.header("Authorization").orElse(null));
                    r.respondJson(200, HealthBodies.MatrixBody.of(health.matrix()));
                })
                .add("GET", "/healthz", this::healthz)
                .add("GET", "/metrics", r -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    metrics.write(out);
                    r.respond(200, metrics.contentType(), out.toByteArray());
                });
    }

    private void report(Request request) throws Exception {
        RequestProof proof;
        try {
            proof = RequestProof.fromHeaders(request.header(ProofHeaders.KEY).orElse(null),
                    request.header(ProofHeaders.TIMESTAMP).orElse(null), request.header(ProofHeaders.PROOF).orElse(null));
        } catch (IllegalArgumentException e) {
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, "a report needs a proof of key: " + e.getMessage());
        }
        reports.accept(proof, request.method(), request.rawPathAndQuery(), request.body());
        request.respondEmpty(204);
    }

    /** 200 when the store answers and the signing key signs what its public half verifies; 503 naming what does not. */
    private void healthz(Request request) throws Exception {
        Map<String, String> checks = new LinkedHashMap<>();
        try {
            store.transaction(tx -> tx.snapshots().latestSerial());
            checks.put("store", "ok");
        } catch (RuntimeException e) {
            checks.put("store", "failed: " + e.getMessage());
        }
        try {
            new SignatureVerifier(List.of(signingKey.publicKey())).verify(PROBE, signingKey.sign(PROBE, "healthz").render());
            checks.put("signing_key", "ok");
        } catch (SignatureRejected | RuntimeException e) {
            checks.put("signing_key", "failed: " + e.getMessage());
        }
        boolean ok = checks.values().stream().allMatch("ok"::equals);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ok ? "ok" : "failing");
        body.put("checks", checks);
        request.respondJson(ok ? 200 : 503, body);
    }
}
