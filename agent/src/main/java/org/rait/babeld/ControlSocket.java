package org.rait.babeld;

import org.rait.config.BabeldConfig;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where babeld's control socket is: RAIT's {@code socket_type} and {@code socket_addr}.
 *
 * <p>{@code unix}: {@code socket_addr} is the path babeld was given with {@code -G /path}.
 * {@code tcp}: {@code socket_addr} is {@code HOST:PORT} ({@code [::1]:33123}, {@code 127.0.0.1:33123},
 * {@code localhost:33123}) or a bare {@code PORT}, which means {@code [::1]:PORT} because that is where
 * babeld listens when started with {@code -G PORT}.
 */
public sealed interface ControlSocket {
    SocketAddress address();

    record Unix(Path path) implements ControlSocket {
        public Unix {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public SocketAddress address() {
            return UnixDomainSocketAddress.of(path);
        }

        @Override
        public String toString() {
            return "unix:" + path;
        }
    }

    record Tcp(String host, int port) implements ControlSocket {
        public Tcp {
            Objects.requireNonNull(host, "host");
        }

        @Override
        public SocketAddress address() {
            return new InetSocketAddress(host, port);
        }

        @Override
        public String toString() {
            return "tcp:" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** @throws IllegalArgumentException naming the key when the type is unknown or the address unreadable */
    static ControlSocket of(BabeldConfig config) {
        String addr = config.socketAddr().trim();
        return switch (config.socketType()) {
            case "unix" -> {
                if (addr.isEmpty()) throw new IllegalArgumentException("babeld.socket_addr is empty: give the path of babeld's -G socket");
                yield new Unix(Path.of(addr));
            }
            case "tcp" -> tcp(addr);
            default -> throw new IllegalArgumentException(
                    "babeld.socket_type must be \"unix\" or \"tcp\", got \"" + config.socketType() + "\"");
        };
    }

    private static Tcp tcp(String addr) {
        String host = "::1";
        String port = addr;
        int colon = addr.lastIndexOf(':');
        if (addr.startsWith("[")) {
            int close = addr.indexOf(']');
            if (close < 0 || close + 1 != colon) throw badTcp(addr);
            host = addr.substring(1, close);
            port = addr.substring(colon + 1);
        } else if (colon >= 0) {
            if (addr.indexOf(':') != colon) throw badTcp(addr); // a bare IPv6 address needs brackets
            host = addr.substring(0, colon);
            port = addr.substring(colon + 1);
        }
        if (host.isEmpty()) throw badTcp(addr);
        try {
            int number = Integer.parseInt(port);
            if (number < 1 || number > 65535) throw badTcp(addr);
            return new Tcp(host, number);
        } catch (NumberFormatException e) {
            throw badTcp(addr);
        }
    }

    private static IllegalArgumentException badTcp(String addr) {
        return new IllegalArgumentException("babeld.socket_addr \"" + addr
                + "\" is not a TCP address: use PORT (meaning [::1]:PORT), [IPv6]:PORT or HOST:PORT");
    }
}
