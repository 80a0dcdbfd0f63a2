package org.rait.registry.nodes;

import org.junit.jupiter.api.Test;
import org.rait.config.AddressFamily;
import org.rait.peers.Endpoint;
import org.rait.registry.Refusal;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NodeEntryTest {
    private static final Endpoint V4 = new Endpoint(AddressFamily.IP4, 50153, "192.0.2.1");

    @Test
    void aNameAndEndpointsThatRenderSafelyAreAccepted() {
        NodeEntry entry = NodeEntry.validated("node-1.example", List.of(V4, new Endpoint(AddressFamily.IP6, 50154, "")));

        assertEquals("name=node-1.example endpoints=[ip4:50153:192.0.2.1,ip6:50154]", entry.describe());
    }

    @Test
    void eachRuleNamesTheFieldItRefuses() {
        assertEquals("name must be 1-63 characters of letters, digits, '.', '_', '-' starting with a letter or digit, got 'a b'",
                refusal("a b", List.of(V4)));
        assertEquals("endpoints[0].send_port must be 1-65535, got 0", refusal("n", List.of(new Endpoint(AddressFamily.IP4, 0, ""))));
        assertEquals("endpoints[0].address must be an IP address or DNS name, got 'x\" }'",
                refusal("n", List.of(new Endpoint(AddressFamily.IP4, 1, "x\" }"))));
        assertEquals("endpoints[1] repeats send_port 50153 in ip4", refusal("n", List.of(V4, V4)));
        assertEquals("at most 16 endpoints, got 17", refusal("n", Collections.nCopies(17, V4)));
    }

    private static String refusal(String name, List<Endpoint> endpoints) {
        Refusal refusal = assertThrows(Refusal.class, () -> NodeEntry.validated(name, endpoints));
        assertEquals(Refusal.Kind.INVALID, refusal.kind());
        return refusal.getMessage();
    }
}
