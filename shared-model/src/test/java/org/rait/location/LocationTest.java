package org.rait.location;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocationTest {
    private static final byte[] PEERS = "peers {\n}\n".getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private final AtomicReference<byte[]> received = new AtomicReference<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/peers.conf", exchange -> {
            if (exchange.getRequestMethod().equals("PUT")) {
                received.set(exchange.getRequestBody().readAllBytes());
                exchange.sendResponseHeaders(204, -1);
            } else {
                exchange.sendResponseHeaders(200, PEERS.length);
                exchange.getResponseBody().write(PEERS);
            }
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void httpGetReturnsTheBody() throws Exception {
        assertArrayEquals(PEERS, Location.of(url("/peers.conf")).read());
    }

    @Test
    void httpPutSendsTheBody() throws Exception {
        Location.of(url("/peers.conf")).write(PEERS);

        assertArrayEquals(PEERS, received.get());
    }

    @Test
    void notFoundNamesTheUrlAndTheStatus() {
        String url = url("/missing");

        LocationException e = assertThrows(LocationException.class, () -> Location.of(url).read());

        assertEquals("GET " + url + " failed: 404 Not Found", e.getMessage());
    }

    @Test
    void otherStatusesAreErrorsWithTheirCode() {
        LocationException e = assertThrows(LocationException.class, () -> Location.of(url("/broken")).read());

        assertTrue(e.getMessage().startsWith("GET " + url("/broken") + " failed: HTTP 500"), e.getMessage());
    }

    @Test
    void aBodyShorterThanItsContentLengthIsReportedAsTruncated() throws Exception {
        try (ServerSocket raw = rawServer("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")) {
            String url = "http://127.0.0.1:" + raw.getLocalPort() + "/peers.conf";

            LocationException e = assertThrows(LocationException.class, () -> Location.of(url).read());

            assertEquals("GET " + url + " failed: body truncated, got 10 of 100 bytes (Content-Length)", e.getMessage());
        }
    }

    @Test
    void aTlsFailureNamesTheUrl() throws Exception {
        try (ServerSocket raw = rawServer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nno")) {
            String url = "https://127.0.0.1:" + raw.getLocalPort() + "/peers.conf";

            LocationException e = assertThrows(LocationException.class, () -> Location.of(url).read());

            assertTrue(e.getMessage().startsWith("GET " + url + " failed: TLS failure"), e.getMessage());
        }
    }

    @Test
    void aBodyOverTheSizeCapIsRefused() {
        TransferLimits tiny = new TransferLimits(Duration.ofSeconds(5), Duration.ofSeconds(5), 4);

        LocationException e = assertThrows(LocationException.class, () -> Location.of(url("/peers.conf"), tiny).read());

        assertEquals("GET " + url("/peers.conf") + " failed: body larger than the limit of 4 bytes", e.getMessage());
    }

    @Test
    void aSilentServerTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TransferLimits quick = new TransferLimits(Duration.ofSeconds(1), Duration.ofMillis(300), 100);
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/";

            LocationException e = assertThrows(LocationException.class, () -> Location.of(url, quick).read());

            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        }
    }

    @Test
    void filesAreWrittenAndReadBack(@TempDir Path dir) throws Exception {
        Location file = Location.of(dir.resolve("peers.conf").toString());

        file.write(PEERS);

        assertInstanceOf(FileLocation.class, file);
        assertArrayEquals(PEERS, file.read());
        assertArrayEquals(PEERS, Files.readAllBytes(dir.resolve("peers.conf")));
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        String path = dir.resolve("absent.conf").toString();

        LocationException e = assertThrows(LocationException.class, () -> Location.of(path).read());

        assertEquals("cannot read " + path + ": no such file or directory", e.getMessage());
    }

    @Test
    void dashReadsStdinAndWritesStdout() throws Exception {
        InputStream in = System.in;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(PEERS));
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));

            byte[] read = Location.of("-").read();
            Location.of("-").write(read);
        } finally {
            System.setIn(in);
            System.setOut(out);
        }
        assertArrayEquals(PEERS, captured.toByteArray());
    }

    @Test
    void otherUrlSchemesAreRejected() {
        LocationException e = assertThrows(LocationException.class, () -> Location.of("ftp://example.com/peers.conf"));

        assertTrue(e.getMessage().startsWith("unsupported URL scheme in ftp://example.com/peers.conf"), e.getMessage());
    }

    @Test
    void aUrlOfAnotherSchemeIsWhatTheRegularExpressionOfRfc3986sSchemeSaysItIs() {
        String[] texts = {"ftp://example.com/peers.conf", "git+ssh://h/x", "s3.x-y://b", "a://", "A1://x", "1ftp://x",
                "://x", "-://x", "f tp://x", "ftp:/x", "ftp//x", "ftp://a\nb", "ftp://a\rb", "ftp://a\u0085b",
                "ftp://a\u2028b", "ftp://a\u2029b", "ftp://a\tb", "\nftp://x", "ftp\n://x", "/etc/rait/rait.conf",
                "rait.conf", "C:/rait.conf", "dir/ftp://x", "ftp://x://y", "\u00e9://x", "x\u00e9://y", "ftp://\ud83d\ude00",
                "\ud83d\ude00://x", "z", ""};
        for (String text : texts) {
            assertEquals(text.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*"), Location.namesScheme(text), text);
        }
    }

    /** A server that answers one connection with fixed bytes and closes it (what HttpServer will not do). */
    private static ServerSocket rawServer(String reply) throws IOException {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(2000);
                byte[] buffer = new byte[4096];
                client.getInputStream().read(buffer);
                OutputStream out = client.getOutputStream();
                out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException ignored) {
                // The client gave up first; the test asserts on what the client saw.
            }
        }, "raw-http-server");
        thread.setDaemon(true);
        thread.start();
        return socket;
    }
}
