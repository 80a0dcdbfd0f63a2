package org.rait.registry.store;

import javax.net.SocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Lets the PostgreSQL JDBC driver, which only opens TCP sockets, talk over PostgreSQL's unix-domain socket
 * (the driver's {@code socketFactory} hook; the JDK has had unix-domain channels since 16). The driver
 * gives the socket's path as {@code socketFactoryArg}. Reads honour the driver's read timeout, as a TCP
 * socket's would: the driver polls for notifications with a 1 ms timeout.
 */
public final class UnixSocketFactory extends SocketFactory {
    private final Path path;

    /** Called by the driver with socketFactoryArg. */
    public UnixSocketFactory(String path) {
        this.path = Path.of(path);
    }

    @Override
    public Socket createSocket() throws SocketException {
        return new UnixSocket(path);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected();
    }

    private Socket connected() throws IOException {
        Socket socket = createSocket();
        socket.connect(null, 0);
        return socket;
    }

    /** A java.net.Socket in front of a non-blocking unix-domain channel; the TCP address the driver passes is ignored. */
    private static final class UnixSocket extends Socket {
        private final Path path;
        private SocketChannel channel;
        private Selector readable;
        private Selector writable;
        private volatile int readTimeoutMillis;
        private volatile boolean closed;

        UnixSocket(Path path) throws SocketException {
            super((SocketImpl) null);
            this.path = path;
        }

        @Override
        public void connect(SocketAddress ignored) throws IOException {
            connect(ignored, 0);
        }

        @Override
        public synchronized void connect(SocketAddress ignored, int timeout) throws IOException {
            SocketChannel opened = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                opened.connect(UnixDomainSocketAddress.of(path));
                opened.configureBlocking(false);
                readable = Selector.open();
                writable = Selector.open();
                opened.register(readable, SelectionKey.OP_READ);
                opened.register(writable, SelectionKey.OP_WRITE);
            } catch (IOException e) {
                opened.close();
                ConnectException refused = new ConnectException("cannot connect to PostgreSQL's socket " + path + ": " + e.getMessage());
                refused.initCause(e);
                throw refused;
            }
            channel = opened;
        }

        @Override
        public InputStream getInputStream() {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (len == 0) return 0;
                    ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                    try {
                        while (true) {
                            int n = channel.read(buffer);
                            if (n != 0) return n;
                            int timeout = readTimeoutMillis;
                            readable.selectedKeys().clear();
                            if ((timeout > 0 ? readable.select(timeout) : readable.select()) == 0 && timeout > 0) {
                                throw new SocketTimeoutException("Read timed out");
                            }
                        }
                    } catch (ClosedSelectorException e) {
                        throw new SocketException("Socket closed");
                    }
                }
            };
        }

        @Override
        public OutputStream getOutputStream() {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[]{(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                    try {
                        while (buffer.hasRemaining()) {
                            if (channel.write(buffer) == 0) {
                                writable.selectedKeys().clear();
                                writable.select();
                            }
                        }
                    } catch (ClosedSelectorException e) {
                        throw new SocketException("Socket closed");
                    }
                }
            };
        }

        @Override
        public synchronized void close() throws IOException {
            if (closed) return;
            closed = true;
            if (channel != null) {
                readable.close();
                writable.close();
                channel.close();
            }
        }

        @Override
        public boolean isConnected() {
            return channel != null;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public void setSoTimeout(int timeout) {
            readTimeoutMillis = timeout;
        }

        @Override
        public int getSoTimeout() {
            return readTimeoutMillis;
        }

        // TCP options have no meaning on a unix socket; the driver sets them anyway.
        @Override
        public void setTcpNoDelay(boolean on) {
        }

        @Override
        public boolean getTcpNoDelay() {
            return true;
        }

        @Override
        public void setKeepAlive(boolean on) {
        }

        @Override
        public boolean getKeepAlive() {
            return false;
        }

        @Override
        public void setSendBufferSize(int size) throws SocketException {
            option(StandardSocketOptions.SO_SNDBUF, size);
        }

        @Override
        public int getSendBufferSize() throws SocketException {
            return option(StandardSocketOptions.SO_SNDBUF);
        }

        @Override
        public void setReceiveBufferSize(int size) throws SocketException {
            option(StandardSocketOptions.SO_RCVBUF, size);
        }

        @Override
        public int getReceiveBufferSize() throws SocketException {
            return option(StandardSocketOptions.SO_RCVBUF);
        }

        private void option(java.net.SocketOption<Integer> name, int value) throws SocketException {
            try {
                channel.setOption(name, value);
            } catch (IOException e) {
                throw new SocketException(name + ": " + e.getMessage());
            }
        }

        private int option(java.net.SocketOption<Integer> name) throws SocketException {
            try {
                return channel.getOption(name);
            } catch (IOException e) {
                throw new SocketException(name + ": " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "UnixSocket[" + path + "]";
        }
    }
}
