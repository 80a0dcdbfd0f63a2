package org.rait.registry.http;

/** One API's routes; the server adds each group to its router at start. */
@FunctionalInterface
public interface RouteGroup {
    void routes(Router router);
}
