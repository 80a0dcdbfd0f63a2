package org.rait.registry.nodes;

import org.rait.peers.Endpoint;
import org.rait.peers.EndpointAddress;
import org.rait.registry.Refusal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a node says about itself: a name and its endpoints. Validated so that every entry renders
 * into a peers.conf that every agent (and the original tool) can read.
 */
public record NodeEntry(String name, List<Endpoint> endpoints) {
    public static final int MAX_ENDPOINTS = 16;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    public NodeEntry {
        endpoints = List.copyOf(endpoints);
    }

    /** @throws Refusal (INVALID) naming the field that is wrong */
    public static NodeEntry validated(String name, List<Endpoint> endpoints) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new Refusal(Refusal.Kind.INVALID, "name must be 1-63 characters of letters, digits, '.', '_', '-' "
                    + "starting with a letter or digit, got " + (name == null ? "nothing" : "'" + name + "'"));
        }
        if (endpoints.size() > MAX_ENDPOINTS) {
            throw new Refusal(Refusal.Kind.INVALID, "at most " + MAX_ENDPOINTS + " endpoints, got " + endpoints.size());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < endpoints.size(); i++) {
            Endpoint e = endpoints.get(i);
            if (e.sendPort() < 1 || e.sendPort() > 65535) {
                throw new Refusal(Refusal.Kind.INVALID, "endpoints[" + i + "].send_port must be 1-65535, got " + e.sendPort());
            }
            int index = i;
            EndpointAddress.problem(e.address()).ifPresent(problem -> {
                throw new Refusal(Refusal.Kind.INVALID, "endpoints[" + index + "].address " + problem);
            });
            if (!seen.add(e.addressFamily().spelling() + "/" + e.sendPort())) {
                throw new Refusal(Refusal.Kind.INVALID, "endpoints[" + i + "] repeats send_port " + e.sendPort() + " in "
                        + e.addressFamily());
            }
        }
        return new NodeEntry(name, endpoints);
    }

    /** For the audit log: name and endpoints in one line. */
    public String describe() {
        return "name=" + name + " endpoints=" + endpoints.stream()
                .map(e -> e.addressFamily() + ":" + e.sendPort() + (e.address().isEmpty() ? "" : ":" + e.address()))
                .collect(Collectors.joining(",", "[", "]"));
    }
}
