package org.rait.registry.config;

import java.net.InetSocketAddress;

/** HOST:PORT or [V6]:PORT to listen on; port 0 lets the kernel choose (tests). */
public record ListenAddress(String host, int port) {
    public static ListenAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("listen address must be HOST:PORT or [IPV6]:PORT, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("an IPv6 listen address needs brackets: [" + host + "]:PORT");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("listen port must be a number, got '" + text.substring(colon + 1) + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("listen port must be 0-65535, got " + port);
        }
        return new ListenAddress(host, port);
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
