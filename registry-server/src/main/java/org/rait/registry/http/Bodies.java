package org.rait.registry.http;

import org.rait.config.AddressFamily;
import org.rait.peers.Endpoint;
import org.rait.registry.Refusal;
import org.rait.registry.store.AdminToken;
import org.rait.registry.store.AuditEntry;
import org.rait.registry.store.EnrollmentToken;
import org.rait.registry.store.Node;

import java.time.Instant;
import java.util.List;

/** The JSON shapes of the API (see openapi.yaml). Field names are snake_case on the wire. */
public final class Bodies {
    private Bodies() {
    }

    public record EndpointBody(String addressFamily, Integer sendPort, String address) {
        Endpoint toEndpoint(String where) {
            if (addressFamily == null) throw missing(where + ".address_family");
            if (sendPort == null) throw missing(where + ".send_port");
            AddressFamily family;
            try {
                family = AddressFamily.parse(addressFamily);
            } catch (IllegalArgumentException e) {
                throw new Refusal(Refusal.Kind.INVALID, where + ".address_family: " + e.getMessage());
            }
            return new Endpoint(family, sendPort, address == null ? "" : address);
        }

        static EndpointBody of(Endpoint e) {
            return new EndpointBody(e.addressFamily().spelling(), e.sendPort(), e.address());
        }
    }

    public record RegistrationBody(String name, List<EndpointBody> endpoints, String enrollmentToken) {
    }

    public record EditBody(String name, List<EndpointBody> endpoints) {
    }

    public record NodeBody(String publicKey, String name, List<EndpointBody> endpoints, String state, long createdAt,
                           long updatedAt) {
        public static NodeBody of(Node node) {
            return new NodeBody(node.publicKey().base64(), node.name(), node.endpoints().stream().map(EndpointBody::of).toList(),
                    node.state().word(), node.createdAt().getEpochSecond(), node.updatedAt().getEpochSecond());
        }
    }

    public record RegistrationResult(NodeBody node, boolean created, Long serial) {
    }

    public record RegistrationKeyBody(String publicKey) {
    }

    public record EnrollmentTokenRequest(Integer uses, Long expiresInSeconds, String note) {
    }

    public record EnrollmentTokenBody(long id, String token, int usesLeft, long expiresAt, long createdAt, String createdBy,
                                      String note) {
        static EnrollmentTokenBody of(EnrollmentToken t, String token) {
            return new EnrollmentTokenBody(t.id(), token, t.usesLeft(), t.expiresAt().getEpochSecond(),
                    t.createdAt().getEpochSecond(), t.createdBy(), t.note());
        }
    }

    public record AdminTokenRequest(String name) {
    }

    public record AdminTokenBody(String name, String token) {
    }

    /** An admin token as listed; times are Unix seconds, absent ones null. */
    public record AdminTokenListing(String name, long createdAt, String createdBy, Long lastUsedAt, boolean revoked,
                                    Long revokedAt, String revokedBy) {
        public static AdminTokenListing of(AdminToken t) {
            return new AdminTokenListing(t.name(), t.createdAt().getEpochSecond(), t.createdBy(),
                    t.lastUsedAt().map(Instant::getEpochSecond).orElse(null), t.revoked(),
                    t.revokedAt().map(Instant::getEpochSecond).orElse(null), t.revokedBy().orElse(null));
        }
    }

    public record AuditEntryBody(long id, long at, String actor, String action, String subject, String detail) {
        static AuditEntryBody of(AuditEntry e) {
            return new AuditEntryBody(e.id(), e.at().getEpochSecond(), e.actor(), e.action(), e.subject(), e.detail());
        }
    }

    public static List<Endpoint> endpoints(List<EndpointBody> bodies) {
        if (bodies == null) throw missing("endpoints");
        return java.util.stream.IntStream.range(0, bodies.size())
                .mapToObj(i -> {
                    if (bodies.get(i) == null) throw missing("endpoints[" + i + "]");
                    return bodies.get(i).toEndpoint("endpoints[" + i + "]");
                }).toList();
    }

    static Refusal missing(String field) {
        return new Refusal(Refusal.Kind.INVALID, "field '" + field + "' is required");
    }
}
