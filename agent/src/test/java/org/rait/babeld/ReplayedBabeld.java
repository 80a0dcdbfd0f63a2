package org.rait.babeld;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP listener on ::1 that answers like babeld 1.12.1 did in the captured transcripts: the banner
 * on connect, then the scripted reply for each command line. Records the commands it received.
 * For testing the client's TCP transport without starting babeld in the host's namespace.
 */
final class ReplayedBabeld implements AutoCloseable {
    private final ServerSocket server;
    private final Map<String, String> replies;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Thread thread;

    ReplayedBabeld(Map<String, String> replies) throws IOException {
        this.server = new ServerSocket(0, 1, InetAddress.getByName("::1"));
        this.replies = replies;
        this.thread = new Thread(this::serve, "replayed-babeld");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<String> received() {
        return List.copyOf(received);
    }

    private void serve() {
        try (Socket client = server.accept()) {
            OutputStream out = client.getOutputStream();
            out.write(Transcripts.text("banner.txt").getBytes(StandardCharsets.UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                received.add(line);
                out.write(replies.getOrDefault(line, "bad\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // The test closed the listener; nothing left to serve.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
