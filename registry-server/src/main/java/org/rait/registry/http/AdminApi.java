package org.rait.registry.http;

import org.rait.keys.WgKey;
import org.rait.registry.Refusal;
import org.rait.registry.health.HealthBodies;
import org.rait.registry.health.MeshHealth;
import org.rait.registry.nodes.Actor;
import org.rait.registry.nodes.AdminTokens;
import org.rait.registry.nodes.Curation;
import org.rait.registry.store.NodeState;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The admin API: every call needs Authorization: Bearer TOKEN. */
final class AdminApi implements RouteGroup {
    private final AdminTokens adminTokens;
    private final Curation curation;
    private final MeshHealth health;

    AdminApi(AdminTokens adminTokens, Curation curation, MeshHealth health) {
        this.adminTokens = adminTokens;
        this.curation = curation;
        this.health = health;
    }

    @Override
    public void routes(Router router) {
        router.add("GET", "/v1/admin/nodes", r -> {
                    admin(r);
                    Optional<NodeState> state = r.query("state").map(AdminApi::state);
                    Instant now = health.now();
                    r.respondJson(200, health.statuses().stream().filter(s -> state.isEmpty() || s.node().state() == state.get())
                            .map(s -> HealthBodies.NodeStatusBody.of(s, now)).toList());
                })
                .add("GET", "/v1/admin/nodes/{key}", r -> {
                    admin(r);
                    r.respondJson(200, Bodies.NodeBody.of(curation.show(key(r))));
                })
                .add("PATCH", "/v1/admin/nodes/{key}", r -> {
                    String admin = admin(r);
                    Bodies.EditBody edit = r.json(Bodies.EditBody.class);
                    r.respondJson(200, Bodies.NodeBody.of(curation.edit(Actor.admin(admin), key(r), Optional.ofNullable(edit.name()),
                            Optional.ofNullable(edit.endpoints()).map(Bodies::endpoints))));
                })
                .add("DELETE", "/v1/admin/nodes/{key}", r -> {
                    String admin = admin(r);
                    r.respondJson(200, Bodies.NodeBody.of(curation.delete(Actor.admin(admin), key(r))));
                })
                .add("POST", "/v1/admin/nodes/{key}/approve", r -> {
                    String admin = admin(r);
                    r.respondJson(200, Bodies.NodeBody.of(curation.approve(Actor.admin(admin), key(r))));
                })
                .add("POST", "/v1/admin/nodes/{key}/reject", r -> {
                    String admin = admin(r);
                    r.respondJson(200, Bodies.NodeBody.of(curation.reject(Actor.admin(admin), key(r))));
                })
                .add("POST", "/v1/admin/nodes/{key}/revoke", r -> {
                    String admin = admin(r);
                    r.respondJson(200, Bodies.NodeBody.of(curation.revoke(Actor.admin(admin), key(r))));
                })
                .add("GET", "/v1/admin/enrollment-tokens", r -> {
                    admin(r);
                    r.respondJson(200, curation.enrollmentTokens().stream().map(t -> Bodies.EnrollmentTokenBody.of(t, null)).toList());
                })
                .add("POST", "/v1/admin/enrollment-tokens", r -> {
                    String admin = admin(r);
                    Bodies.EnrollmentTokenRequest body = r.json(Bodies.EnrollmentTokenRequest.class);
                    Curation.IssuedEnrollmentToken issued = curation.createEnrollmentToken(admin,
                            body.uses() == null ? 1 : body.uses(),
                            Duration.ofSeconds(body.expiresInSeconds() == null ? 86400 : body.expiresInSeconds()),
                            body.note() == null ? "" : body.note());
                    r.respondJson(201, Bodies.EnrollmentTokenBody.of(issued.stored(), issued.token()));
                })
                .add("POST", "/v1/admin/admin-tokens", r -> {
                    String admin = admin(r);
                    Bodies.AdminTokenRequest body = r.json(Bodies.AdminTokenRequest.class);
                    if (body.name() == null) throw Bodies.missing("name");
                    r.respondJson(201, new Bodies.AdminTokenBody(body.name(), adminTokens.issue("admin:" + admin, body.name())));
                })
                .add("GET", "/v1/admin/admin-tokens", r -> {
                    admin(r);
                    r.respondJson(200, adminTokens.list().stream().map(Bodies.AdminTokenListing::of).toList());
                })
                .add("POST", "/v1/admin/admin-tokens/{name}/revoke", r -> {
                    String admin = admin(r);
                    r.respondJson(200, Bodies.AdminTokenListing.of(adminTokens.revoke(Actor.admin(admin), r.param("name"))));
                })
                .add("GET", "/v1/admin/audit", r -> {
                    admin(r);
                    int limit = r.query("limit").map(AdminApi::limit).orElse(100);
                    r.respondJson(200, curation.audit(limit).stream().map(Bodies.AuditEntryBody::of).toList());
                });
    }

    private String admin(Request request) {
        return adminTokens.authenticate(request.header("Authorization").orElse(null));
    }

    /** The key path segment: standard base64 (with '/' as %2F) or URL-safe base64. */
    private static WgKey key(Request request) {
        String text = request.param("key").replace('-', '+').replace('_', '/');
        try {
            return WgKey.parseBase64(text);
        } catch (IllegalArgumentException e) {
            throw new Refusal(Refusal.Kind.INVALID, "the node key in the path is not a WireGuard public key: " + e.getMessage());
        }
    }

    private static NodeState state(String text) {
        try {
            return NodeState.fromWord(text);
        } catch (IllegalArgumentException e) {
            throw new Refusal(Refusal.Kind.INVALID, "query parameter state: " + e.getMessage());
        }
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= 10_000) return limit;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Refusal(Refusal.Kind.INVALID, "query parameter limit must be 1-10000, got '" + text + "'");
    }
}
