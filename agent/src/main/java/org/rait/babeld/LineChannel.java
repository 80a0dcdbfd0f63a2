package org.rait.babeld;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A line-oriented connection with timeouts. Non-blocking with a selector because blocking
 * SocketChannels (unix-domain ones in particular) have no read timeout.
 */
final class LineChannel implements AutoCloseable, LineSource {
    private final SocketChannel channel;
    private final Selector selector;
    private final Duration readTimeout;
    private final ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    private LineChannel(SocketChannel channel, Selector selector, Duration readTimeout) {
        this.channel = channel;
        this.selector = selector;
        this.readTimeout = readTimeout;
    }

    static LineChannel connect(ControlSocket socket, Timeouts timeouts) throws IOException {
        var address = socket.address();
        SocketChannel channel = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open();
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            selector = Selector.open();
            if (!channel.connect(address)) {
                channel.register(selector, SelectionKey.OP_CONNECT);
                if (selector.select(timeouts.connect().toMillis()) == 0) {
                    throw new SocketTimeoutException("no connection within " + seconds(timeouts.connect()));
                }
                selector.selectedKeys().clear();
                channel.finishConnect();
            }
            return new LineChannel(channel, selector, timeouts.read());
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (selector != null) selector.close();
            throw e;
        }
    }

    /** The next line without its terminator; null when the peer closed the connection. */
    @Override
    public String readLine() throws IOException {
        long deadline = System.nanoTime() + readTimeout.toNanos();
        while (true) {
            buffer.flip();
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == '\n') {
                    buffer.compact();
                    String line = partial.toString(StandardCharsets.UTF_8);
                    partial.reset();
                    return line;
                }
                partial.write(b);
            }
            buffer.clear();
            if (!await(SelectionKey.OP_READ, deadline)) {
                throw new SocketTimeoutException("no complete line within " + seconds(readTimeout));
            }
            if (channel.read(buffer) < 0) return null;
        }
    }

    void writeLine(String line) throws IOException {
        ByteBuffer out = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + readTimeout.toNanos();
        while (out.hasRemaining()) {
            if (channel.write(out) == 0 && !await(SelectionKey.OP_WRITE, deadline)) {
                throw new SocketTimeoutException("could not send within " + seconds(readTimeout));
            }
        }
    }

    private boolean await(int operation, long deadline) throws IOException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) return false;
        SelectionKey key = channel.register(selector, operation);
        try {
            return selector.select(Math.max(1, remaining / 1_000_000)) > 0;
        } finally {
            selector.selectedKeys().clear();
            key.interestOps(0);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() / 1000.0 + " s";
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
