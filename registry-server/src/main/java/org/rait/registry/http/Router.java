package org.rait.registry.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.rait.log.EventLog;
import org.rait.registry.Refusal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Dispatches on method and path: 404 for an unknown path, 405 (with Allow) for a known path and an
 * unknown method, JSON errors for refusals, 500 (logged) for anything unexpected. Handlers may block
 * (they use the database): Jetty runs them on its bounded pool, never on a selector thread.
 */
public final class Router extends Handler.Abstract {
    /** Told about every answered request, by route template ("unmatched" when no route matched), never the raw path. */
    @FunctionalInterface
    public interface Observer {
        void served(String route, String method, int status);
    }

    private final List<Route> routes = new ArrayList<>();
    private final int maxBodyBytes;
    private volatile Observer observer = (route, method, status) -> { };

    public Router(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public Router add(String method, String path, Route.Handler handler) {
        routes.add(new Route(method, PathTemplate.of(path), handler));
        return this;
    }

    /** Adds a group of routes (one API) and returns this router. */
    public Router add(RouteGroup group) {
        group.routes(this);
        return this;
    }

    /** Set once at start, before the server takes requests. */
    public Router observe(Observer observer) {
        this.observer = observer;
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    @Override
    public boolean handle(org.eclipse.jetty.server.Request jettyRequest, Response response, Callback callback) {
        String path = jettyRequest.getHttpURI().getPath();
        String method = jettyRequest.getMethod();
        Request request = new Request(jettyRequest, response, callback, Map.of(), maxBodyBytes);
        String template = "unmatched";
        try {
            TreeSet<String> allowed = new TreeSet<>();
            for (Route route : routes) {
                Optional<Map<String, String>> params = route.path().match(path);
                if (params.isEmpty()) continue;
                allowed.add(route.method());
                template = route.path().text();
                if (route.method().equals(method)) {
                    request = new Request(jettyRequest, response, callback, params.get(), maxBodyBytes);
                    route.handler().handle(request);
                    if (!request.responded()) {
                        throw new IllegalStateException("the handler of " + method + " " + route.path().text() + " sent no response");
                    }
                    return true;
                }
            }
            if (allowed.isEmpty()) {
                error(request, 404, "no such resource: " + path);
            } else {
                request.setHeader("Allow", String.join(", ", allowed));
                error(request, 405, method + " is not allowed on " + path + "; allowed: " + String.join(", ", allowed));
            }
        } catch (Refusal refusal) {
            error(request, status(refusal.kind()), refusal.getMessage());
        } catch (Request.BodyTooLarge e) {
            error(request, 413, e.getMessage());
        } catch (Exception e) {
            EventLog.stderr().error("internal_error", "method", method, "path", path, "error", e.toString());
            error(request, 500, "internal error; see the registry log");
        } finally {
            observer.served(template, method, response.getStatus());
        }
        return true;
    }

    private static void error(Request request, int status, String message) {
        if (request.responded()) return;
        if (status == 401 && request.rawPath().startsWith("/v1/admin/")) {
            request.setHeader("WWW-Authenticate", "Bearer realm=\"rait-registry\"");
        }
        request.respondJson(status, new ErrorBody(status, message));
    }

    /** The HTTP status of a refusal; offline curation reports the same number so both paths read alike. */
    public static int status(Refusal.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
        };
    }
}
