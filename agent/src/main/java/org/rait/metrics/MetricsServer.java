package org.rait.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Serves {@code GET /metrics} with the Prometheus client's HTTP server on the address rait.conf names. Any
 * address the operator writes is taken as meant (a central Prometheus scraping over the overlay, say); the
 * default is off.
 */
public final class MetricsServer implements AutoCloseable {
    private final HTTPServer server;
    private final InetSocketAddress address;

    private MetricsServer(HTTPServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /** @param listen "host:port" or "[v6]:port" */
    public static MetricsServer start(String listen, AgentMetrics metrics) throws IOException {
        InetSocketAddress address = parse(listen);
        HTTPServer server = HTTPServer.builder().inetAddress(address.getAddress()).port(address.getPort())
                .registry(metrics.registry()).buildAndStart();
        return new MetricsServer(server, new InetSocketAddress(address.getAddress(), server.getPort()));
    }

    public InetSocketAddress address() {
        return address;
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
        if (port < 0 || port > 65535) throw new IllegalArgumentException("metrics_listen port " + port + " is out of range in '" + listen + "'");
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (IOException e) {
            throw new IllegalArgumentException("metrics_listen host '" + host + "' is not an address", e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
