package org.rait.wireguard.userspace;

import org.rait.netlink.KernelRequests;
import org.rait.wireguard.WireGuardException;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** UAPI exchanges with wireguard-go devices over its unix socket (JDK unix-domain channels). */
final class UapiSocket {
    /** errno of a refused set, as wireguard-go reports it. */
    static final int EADDRINUSE = -98;
    /** Connections open at once at most (each is a file descriptor here and a goroutine there). */
    static final int GETS_IN_FLIGHT = 64;

    private UapiSocket() {
    }

    /** The get=1 answer lines (up to and including errno), or empty when nothing listens on the socket. */
    static Optional<List<String>> get(String ifname, Path socket) {
        return getAll(Map.of(ifname, socket)).get(ifname);
    }

    /**
     * {@link #get} of every device, keyed in the order given. Each wireguard-go is its own process: up to
     * {@link #GETS_IN_FLIGHT} are asked before the first answer is read, so they answer side by side
     * and the whole costs about one exchange rather than one each.
     */
    static Map<String, Optional<List<String>>> getAll(Map<String, Path> sockets) {
        Map<String, Optional<List<String>>> answers = new LinkedHashMap<>();
        List<Map.Entry<String, Path>> all = List.copyOf(sockets.entrySet());
        for (int from = 0; from < all.size(); from += GETS_IN_FLIGHT) {
            List<Map.Entry<String, Path>> round = all.subList(from, Math.min(all.size(), from + GETS_IN_FLIGHT));
            Map<String, SocketChannel> asked = new LinkedHashMap<>();
            try {
                for (Map.Entry<String, Path> device : round) {
                    Optional<SocketChannel> channel = ask(device.getKey(), device.getValue());
                    if (channel.isPresent()) asked.put(device.getKey(), channel.get());
                }
                for (Map.Entry<String, Path> device : round) {
                    SocketChannel channel = asked.get(device.getKey());
                    answers.put(device.getKey(), channel == null ? Optional.empty()
                            : Optional.of(answer(device.getKey(), device.getValue(), channel)));
                }
            } finally {
                asked.values().forEach(UapiSocket::closeQuietly);
            }
        }
        return answers;
    }

    /** A connection that has sent get=1, or empty when nothing listens on the socket. */
    private static Optional<SocketChannel> ask(String ifname, Path socket) {
        if (!Files.exists(socket)) return Optional.empty();
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            send(channel, "get=1\n\n");
            KernelRequests.sent(1);
            return Optional.of(channel);
        } catch (java.net.ConnectException | java.nio.file.NoSuchFileException e) {
            closeQuietly(channel);
            return Optional.empty();
        } catch (IOException e) {
            closeQuietly(channel);
            throw new WireGuardException(ifname + ": UAPI get on " + socket + " failed: " + e.getMessage(), e);
        }
    }

    private static List<String> answer(String ifname, Path socket, SocketChannel channel) {
        try {
            return readAnswer(ifname, channel);
        } catch (IOException e) {
            throw new WireGuardException(ifname + ": UAPI get on " + socket + " failed: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written on a get: a failed close loses nothing
        }
    }

    /** Sends set=1 with the lines; returns the errno of the answer (0 = applied). */
    static int set(String ifname, Path socket, List<String> lines) {
        StringBuilder request = new StringBuilder("set=1\n");
        lines.forEach(l -> request.append(l).append('\n'));
        request.append('\n');
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            send(channel, request.toString());
            KernelRequests.sent(1);
            List<String> answer = readAnswer(ifname, channel);
            for (String line : answer) {
                if (line.startsWith("errno=")) return Integer.parseInt(line.substring("errno=".length()));
            }
            throw new WireGuardException(ifname + ": UAPI set answered without errno: " + answer);
        } catch (IOException e) {
            throw new WireGuardException(ifname + ": UAPI set on " + socket + " failed: " + e.getMessage(), e);
        }
    }

    private static void send(SocketChannel channel, String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) channel.write(buffer);
    }

    /** Reads lines up to the blank line that ends an answer. */
    private static List<String> readAnswer(String ifname, SocketChannel channel) throws IOException {
        StringBuilder text = new StringBuilder();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (text.indexOf("\n\n") < 0) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                throw new WireGuardException(ifname + ": wireguard-go closed the UAPI connection without an answer");
            }
            text.append(StandardCharsets.UTF_8.decode(buffer.flip()));
        }
        List<String> lines = new ArrayList<>();
        for (String line : text.substring(0, text.indexOf("\n\n")).split("\n")) {
            if (!line.isEmpty()) lines.add(line);
        }
        return lines;
    }
}
