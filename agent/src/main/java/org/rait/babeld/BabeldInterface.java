package org.rait.babeld;

import java.util.Objects;
import java.util.Optional;

/**
 * An interface babeld runs on ({@code add interface NAME up BOOL [ipv6 ADDR] [ipv4 ADDR]}).
 * Addresses are kept as babeld prints them. babeld also lists names that do not exist (yet) as
 * links: they are simply {@code up false}.
 */
public record BabeldInterface(String name, boolean up, Optional<String> ipv6, Optional<String> ipv4) {
    public BabeldInterface {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ipv6, "ipv6");
        Objects.requireNonNull(ipv4, "ipv4");
    }
}
