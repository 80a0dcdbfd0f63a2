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
import java.util.List;
import java.util.Optional;

/** One UAPI exchange with a wireguard-go device over its unix socket (JDK unix-domain channels). */
final class UapiSocket {
    /** errno of a refused set, as wireguard-go reports it. */
    static final int EADDRINUSE = -98;

    private UapiSocket() {
    }

    /** The get=1 answer lines (up to and including errno), or empty when nothing listens on the socket. */
    static Optional<List<String>> get(String ifname, Path socket) {
        if (!Files.exists(socket)) return Optional.empty();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            send(channel, "get=1\n\n");
            KernelRequests.sent(1);
            return Optional.of(readAnswer(ifname, channel));
        } catch (java.net.ConnectException | java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new WireGuardException(ifname + ": UAPI get on " + socket + " failed: " + e.getMessage(), e);
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
