package org.rait.registry.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.rait.log.EventLog;
import org.rait.registry.Refusal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Dispatches on method and path: 404 for an unknown path, 405 (with Allow) for a known path and an
 * unknown method, JSON errors for refusals, 500 (logged) for anything unexpected. Jetty calls it on the
 * thread that read the request (it never blocks there): a route {@linkplain Route#fromMemory() from memory}
 * is answered right there, with no hand-off between threads (the snapshot polls of every node); any other
 * may block (the database, a request body) and runs on the bounded pool, 503 when its queue is full.
 */
public final class Router extends Handler.Abstract.NonBlocking {
    /** Told about every answered request, by route template ("unmatched" when no route matched), never the raw path. */
    @FunctionalInterface
    public interface Observer {
        void served(String route, String method, int status);
    }

    private final List<Route> routes = new ArrayList<>();
    /**
     * What each path without placeholders matches, found once when routes are added: a request for exactly
     * that raw path (every poll of /peers.conf) skips splitting, decoding and trying every template.
     */
    private volatile Map<String, Matches> literal = Map.of();
    private final int maxBodyBytes;
    private volatile Observer observer = (route, method, status) -> { };

    /** The routes that match one path, in the order added, with their parameters. */
    private record Matches(List<Route> routes, List<Map<String, String>> params) {
        static Matches of(List<Route> all, String path) {
            List<Route> matched = new ArrayList<>();
            List<Map<String, String>> params = new ArrayList<>();
            for (Route route : all) {
                Optional<Map<String, String>> match = route.path().match(path);
                if (match.isEmpty()) continue;
                matched.add(route);
                params.add(Map.copyOf(match.get()));
            }
            return new Matches(List.copyOf(matched), List.copyOf(params));
        }

        /** The template named in metrics: the last matching one, as when routes were tried one by one. */
        String template() {
            return routes.isEmpty() ? "unmatched" : routes.get(routes.size() - 1).path().text();
        }
    }

    public Router(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** A route whose handler may block. */
    public Router add(String method, String path, Route.Handler handler) {
        return add(new Route(method, PathTemplate.of(path), handler, false));
    }

    /** A route answered from memory without waiting (see {@link Route}). */
    public Router addFromMemory(String method, String path, Route.Handler handler) {
        return add(new Route(method, PathTemplate.of(path), handler, true));
    }

    private Router add(Route route) {
        routes.add(route);
        Map<String, Matches> index = new HashMap<>();
        for (Route each : routes) {
            String text = each.path().text();
            if (!text.contains("{")) index.put(text, Matches.of(routes, text));
        }
        literal = Map.copyOf(index);
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
        Matches matches = literal.get(path);
        if (matches == null) matches = Matches.of(routes, path);
        String method = jettyRequest.getMethod();
        for (int i = 0; i < matches.routes().size(); i++) {
            Route route = matches.routes().get(i);
            if (!route.method().equals(method)) continue;
            Request request = new Request(jettyRequest, response, callback, matches.params().get(i), maxBodyBytes);
            if (route.fromMemory()) {
                answer(request, route, method, path);
            } else {
                try {
                    executor().execute(() -> answer(request, route, method, path));
                } catch (RejectedExecutionException e) {
                    EventLog.stderr().warn("request_refused", "reason", "busy", "method", method, "path", path);
                    request.setHeader("Retry-After", "1");
                    finish(request, route.path().text(), method, 503, "the registry is busy; try again shortly");
                }
            }
            return true;
        }
        Request request = new Request(jettyRequest, response, callback, Map.of(), maxBodyBytes);
        if (matches.routes().isEmpty()) {
            finish(request, matches.template(), method, 404, "no such resource: " + path);
        } else {
            TreeSet<String> allowed = new TreeSet<>();
            for (Route route : matches.routes()) allowed.add(route.method());
            request.setHeader("Allow", String.join(", ", allowed));
            finish(request, matches.template(), method, 405, method + " is not allowed on " + path + "; allowed: " + String.join(", ", allowed));
        }
        return true;
    }

    private Executor executor() {
        return getServer().getThreadPool();
    }

    /** Method and path as read before: once answered, Jetty may reuse its request object for the connection's next one. */
    private void answer(Request request, Route route, String method, String path) {
        try {
            route.handler().handle(request);
            if (!request.responded()) {
                throw new IllegalStateException("the handler of " + method + " " + route.path().text() + " sent no response");
            }
        } catch (Refusal refusal) {
            error(request, status(refusal.kind()), refusal.getMessage());
        } catch (Request.BodyTooLarge e) {
            error(request, 413, e.getMessage());
        } catch (Exception e) {
            EventLog.stderr().error("internal_error", "method", method, "path", path, "error", e.toString());
            error(request, 500, "internal error; see the registry log");
        } finally {
            observer.served(route.path().text(), method, request.status());
        }
    }

    private void finish(Request request, String template, String method, int status, String message) {
        error(request, status, message);
        observer.served(template, method, request.status());
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
