package org.rait.babeld;

import java.util.Objects;

/** A prefix this node announces (babeld's {@code xroute}), from its {@code redistribute} rules. */
public record ExportedRoute(String prefix, String from, int metric) {
    public ExportedRoute {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(from, "from");
    }
}
