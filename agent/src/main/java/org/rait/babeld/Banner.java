package org.rait.babeld;

import java.util.Objects;

/**
 * What babeld says when a client connects, before its first {@code ok}.
 *
 * @param protocol the first line, e.g. {@code BABEL 1.0}
 * @param version  e.g. {@code babeld-1.12.1}; "" when babeld did not say
 * @param host     the host name babeld reports; "" when babeld did not say
 * @param routerId babeld's router id ({@code my-id}); "" when babeld did not say
 */
public record Banner(String protocol, String version, String host, String routerId) {
    public Banner {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(routerId, "routerId");
    }
}
