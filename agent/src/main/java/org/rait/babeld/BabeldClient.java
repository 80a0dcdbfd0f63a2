package org.rait.babeld;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;

/**
 * A connection to babeld's control socket: reads the banner, then sends one command per line and
 * reads its reply. Not thread-safe; one client per pass.
 */
public final class BabeldClient implements AutoCloseable {
    private final ControlSocket socket;
    private final LineChannel channel;
    private final ProtocolReader reader;
    private final Banner banner;

    private BabeldClient(ControlSocket socket, LineChannel channel) {
        this.socket = socket;
        this.channel = channel;
        this.reader = new ProtocolReader(channel);
        this.banner = read("the banner", reader::readBanner);
    }

    /**
     * Connects in the caller's network namespace (which matters for TCP: {@code [::1]} is babeld's
     * loopback only when rait runs where babeld runs) and reads the banner.
     *
     * @throws BabeldException naming the socket when it is absent, refuses, or babeld does not greet in time
     */
    public static BabeldClient connect(ControlSocket socket, Timeouts timeouts) {
        if (socket instanceof ControlSocket.Unix unix && !Files.exists(unix.path())) {
            throw new BabeldException("babeld control socket " + socket + " does not exist: is babeld running with -G "
                    + unix.path() + "?");
        }
        LineChannel channel;
        try {
            channel = LineChannel.connect(socket, timeouts);
        } catch (ConnectException e) {
            throw new BabeldException("babeld control socket " + socket + " refused the connection: is babeld running"
                    + " and was it started with -G " + listenHint(socket) + "?", e);
        } catch (SocketTimeoutException e) {
            throw new BabeldException("babeld control socket " + socket + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BabeldException("cannot connect to babeld control socket " + socket + ": " + e.getMessage(), e);
        }
        try {
            return new BabeldClient(socket, channel);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    public ControlSocket socket() {
        return socket;
    }

    public Banner banner() {
        return banner;
    }

    /**
     * Sends one command and returns babeld's reply; {@code no} and {@code bad} are replies, not exceptions.
     *
     * @throws IllegalArgumentException when the command spans lines (babeld would read it as several)
     * @throws BabeldException          when the connection fails or times out
     */
    public Reply send(String command) {
        if (command.isBlank() || command.contains("\n") || command.contains("\r")) {
            throw new IllegalArgumentException("a babeld command is one non-empty line, got '" + command + "'");
        }
        return read("the reply to '" + command + "'", () -> {
            channel.writeLine(command);
            return reader.readReply();
        });
    }

    /** babeld's interfaces, neighbours and routes. */
    public Dump dump() {
        Reply reply = send("dump");
        if (!(reply instanceof Reply.Ok ok)) {
            throw new BabeldException("babeld at " + socket + " answered '" + reply.describe() + "' to 'dump'");
        }
        try {
            return Dump.parse(ok.body());
        } catch (MalformedReply e) {
            throw new BabeldException("babeld at " + socket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private interface Exchange<T> {
        T run() throws IOException;
    }

    private <T> T read(String what, Exchange<T> exchange) {
        try {
            return exchange.run();
        } catch (SocketTimeoutException e) {
            throw new BabeldException("babeld at " + socket + " did not answer in time while rait waited for "
                    + what + " (" + e.getMessage() + ")", e);
        } catch (MalformedReply e) {
            throw new BabeldException("babeld at " + socket + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BabeldException("babeld at " + socket + ": " + e.getMessage() + " while rait waited for " + what, e);
        }
    }

    private static String listenHint(ControlSocket socket) {
        return socket instanceof ControlSocket.Tcp tcp ? String.valueOf(tcp.port()) : socket.address().toString();
    }

    private static void closeQuietly(LineChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a socket we are done with: nothing the operator could act on.
        }
    }
}
