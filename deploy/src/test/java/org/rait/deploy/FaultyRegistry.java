package org.rait.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What sits on the registry's port while the registry misbehaves, on loopback: either it accepts and never
 * answers (not even the TLS handshake), or it passes the real registry's answers on at one byte a second.
 * It counts the connections the agent holds open, so a test can show a fetch was in flight.
 */
final class FaultyRegistry implements AutoCloseable {
    private final ServerSocket listener;
    private final Integer upstreamPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();

    private FaultyRegistry(int port, Integer upstreamPort) throws IOException {
        listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.upstreamPort = upstreamPort;
        daemon(this::acceptLoop);
    }

    /** Accepts every connection and never writes a byte. */
    static FaultyRegistry hanging(int port) throws IOException {
        return new FaultyRegistry(port, null);
    }

    /** Forwards to the registry on upstreamPort; its answers reach the agent at one byte a second. */
    static FaultyRegistry dripping(int port, int upstreamPort) throws IOException {
        return new FaultyRegistry(port, upstreamPort);
    }

    /** Connections accepted and not yet closed by the agent. */
    int open() {
        return open.get();
    }

    int accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                accepted.incrementAndGet();
                open.incrementAndGet();
                daemon(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            if (upstreamPort == null) {
                client.getInputStream().transferTo(OutputStream.nullOutputStream());
            } else {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                sockets.add(upstream);
                daemon(() -> copy(client, upstream));
                drip(upstream.getInputStream(), client.getOutputStream());
            }
        } catch (IOException | InterruptedException ended) {
            // the agent gave up on the connection (its deadline) or the test closed it
        } finally {
            open.decrementAndGet();
            closeQuietly(client);
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException ended) {
            // either side closed
        } finally {
            closeQuietly(to);
        }
    }

    private static void drip(InputStream in, OutputStream out) throws IOException, InterruptedException {
        for (int b = in.read(); b >= 0; b = in.read()) {
            out.write(b);
            out.flush();
            Thread.sleep(1000);
        }
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "faulty-registry");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) closeQuietly(socket);
    }
}
