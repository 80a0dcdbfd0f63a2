package org.rait.registry.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.rait.log.EventLog;
import org.rait.registry.Refusal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Dispatches on method and path: 404 for an unknown path, 405 (with Allow) for a known path and an
 * unknown method, JSON errors for refusals, 500 (logged) for anything unexpected.
 */
public final class Router implements HttpHandler {
    private final List<Route> routes = new ArrayList<>();
    private final int maxBodyBytes;

    public Router(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public Router add(String method, String path, Route.Handler handler) {
        routes.add(new Route(method, PathTemplate.of(path), handler));
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        Request request = null;
        try {
            TreeSet<String> allowed = new TreeSet<>();
            for (Route route : routes) {
                Optional<Map<String, String>> params = route.path().match(path);
                if (params.isEmpty()) continue;
                allowed.add(route.method());
                if (route.method().equals(method)) {
                    request = new Request(exchange, params.get(), maxBodyBytes);
                    route.handler().handle(request);
                    log(exchange, request);
                    return;
                }
            }
            request = new Request(exchange, Map.of(), maxBodyBytes);
            if (allowed.isEmpty()) {
                error(request, 404, "no such resource: " + path);
            } else {
                request.setHeader("Allow", String.join(", ", allowed));
                error(request, 405, method + " is not allowed on " + path + "; allowed: " + String.join(", ", allowed));
            }
            log(exchange, request);
        } catch (Refusal refusal) {
            error(request, status(refusal.kind()), refusal.getMessage());
            log(exchange, request);
        } catch (Request.BodyTooLarge e) {
            error(request, 413, e.getMessage());
            log(exchange, request);
        } catch (Exception e) {
            EventLog.stderr().error("internal_error", "method", method, "path", path, "error", e.toString());
            if (request != null && !request.responded()) {
                error(request, 500, "internal error; see the registry log");
            }
        } finally {
            exchange.close();
        }
    }

    private static void error(Request request, int status, String message) throws IOException {
        if (request == null || request.responded()) return;
        if (status == 401 && request.rawPathAndQuery().startsWith("/v1/admin/")) {
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

    private static void log(HttpExchange exchange, Request request) {
        if (request != null && request.status() >= 400) {
            EventLog.stderr().warn("request_refused", "method", exchange.getRequestMethod(), "path", exchange.getRequestURI().getRawPath(),
                    "status", request.status(), "remote", exchange.getRemoteAddress().getAddress().getHostAddress());
        }
    }
}
