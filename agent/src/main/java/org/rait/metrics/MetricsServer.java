package org.rait.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Serves {@code GET /metrics} on a local address with the JDK's HTTP server. */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /**
     * @param listen "host:port" or "[v6]:port"; only loopback addresses are accepted, the figures say a lot
     *               about the mesh
     */
    public static MetricsServer start(String listen, AgentMetrics metrics) throws IOException {
        InetSocketAddress address = parse(listen);
        if (!address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("metrics_listen must be a loopback address, got " + listen);
        }
        HttpServer server = HttpServer.create(address, 8);
        server.createContext("/metrics", exchange -> respond(exchange, metrics));
        server.start();
        return new MetricsServer(server);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void respond(HttpExchange exchange, AgentMetrics metrics) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = metrics.render().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static InetSocketAddress parse(String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("metrics_listen must be host:port, got '" + listen + "'");
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metrics_listen port is not a number in '" + listen + "'");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (IOException e) {
            throw new IllegalArgumentException("metrics_listen host '" + host + "' is not an address", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
