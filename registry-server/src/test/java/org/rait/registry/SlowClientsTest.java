package org.rait.registry;

import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.registry.config.HttpTimeouts;
import org.rait.registry.config.ListenAddress;
import org.rait.registry.config.RegistryConfig;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clients that connect and then say too little must not keep others from the registry. */
class SlowClientsTest {
    static final Duration HEADER_TIMEOUT = Duration.ofSeconds(3);
    static final int THREADS = 4;
    @TempDir
    Path dir;
    RunningRegistry registry;
    final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Path data = dir.resolve("data");
        RegistryConfig config = RegistryConfig.defaults().withDataDir(data).withListen(new ListenAddress("127.0.0.1", 0))
                .withHttpTimeouts(new HttpTimeouts(Duration.ofSeconds(30), HEADER_TIMEOUT));
        config = new RegistryConfig(config.listen(), data, config.tlsCertificate(), config.tlsPrivateKey(), config.tlsNames(),
                config.snapshotValidity(), config.snapshotRenewBefore(), config.clockWindow(), config.maxBodyBytes(), THREADS,
                config.httpTimeouts(), config.publishWindow(), config.mirrorDir(), config.database());
        registry = RunningRegistry.start(data, config);
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) socket.close();
        registry.close();
    }

    @Test
    void sixteenConnectionsThatSendHalfARequestDoNotDelayAnotherClient() throws Exception {
        for (int i = 0; i < 16; i++) {
            SSLSocket socket = tlsSocket();
            socket.startHandshake();
            socket.getOutputStream().write("GET /peers.conf HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: te".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }

        long started = System.nanoTime();
        try (Response response = registry.get("/peers.conf", Map.of())) {
            assertEquals(200, response.code());
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        // The answer came while all 16 still held their connections (the header timeout had not cut them).
        for (Socket socket : sockets) {
            assertTrue(stillOpen(socket), "a half-open connection was closed before the other client's answer came");
        }
        System.out.printf("another client's GET /peers.conf beside 16 half-open TLS connections (%d handler threads): %d ms%n",
                THREADS, tookMs);
    }

    @Test
    void aConnectionThatSendsHalfARequestIsClosedAfterTheHeaderTimeout() throws Exception {
        SSLSocket socket = tlsSocket();
        socket.startHandshake();
        socket.getOutputStream().write("GET /peers.conf HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();

        assertTrue(closedByServerWithin(socket, HEADER_TIMEOUT.multipliedBy(3)), "the server kept a half request open");
    }

    @Test
    void aConnectionThatNeverFinishesTheTlsHandshakeIsClosedAfterTheHeaderTimeout() throws Exception {
        Socket socket = new Socket("127.0.0.1", registry.server.port());
        sockets.add(socket);
        socket.getOutputStream().write(new byte[]{0x16, 0x03, 0x01, 0x00});   // the start of a TLS record header
        socket.getOutputStream().flush();

        assertTrue(closedByServerWithin(socket, HEADER_TIMEOUT.multipliedBy(3)), "the server kept a stalled handshake open");
    }

    @Test
    void aKeptAliveConnectionThatTricklesItsNextRequestIsClosed() throws Exception {
        SSLSocket socket = tlsSocket();
        socket.startHandshake();
        socket.getOutputStream().write("GET /v1/signing-key HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        socket.setSoTimeout(5_000);
        String head = readHead(socket.getInputStream());
        assertTrue(head.startsWith("HTTP/1.1 200"), head);

        socket.getOutputStream().write("GET /peers.conf HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        assertTrue(closedByServerWithin(socket, HEADER_TIMEOUT.multipliedBy(4)), "the server kept a trickled request head open");
    }

    @Test
    void http2WhenTheClientOffersItAndHttp11Otherwise() throws Exception {
        try (Response response = registry.get("/peers.conf", Map.of())) {
            assertEquals(200, response.code());
            assertEquals(Protocol.HTTP_2, response.protocol());
        }
        OkHttpClient http11 = registry.http.newBuilder().protocols(List.of(Protocol.HTTP_1_1)).build();
        try (Response response = http11.newCall(new Request.Builder().url(registry.url("/peers.conf")).build()).execute()) {
            assertEquals(200, response.code());
            assertEquals(Protocol.HTTP_1_1, response.protocol());
        }
    }

    @Test
    void onlyTls12AndTls13AreSpoken() throws Exception {
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            SSLSocket socket = tlsSocket();
            socket.setEnabledProtocols(new String[]{protocol});
            socket.startHandshake();
            assertEquals(protocol, socket.getSession().getProtocol());
        }
        SSLSocket old = tlsSocket();
        old.setEnabledProtocols(new String[]{"TLSv1.1"});
        assertFalse(handshakes(old), "TLS 1.1 was accepted");
    }

    private SSLSocket tlsSocket() throws Exception {
        X509TrustManager trust = registry.server.tls().pin().trustManager();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new X509TrustManager[]{trust}, null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", registry.server.port());
        sockets.add(socket);
        return socket;
    }

    private static boolean handshakes(SSLSocket socket) {
        try {
            socket.startHandshake();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Nothing to read yet and no end of stream: the server holds the connection. */
    private static boolean stillOpen(Socket socket) throws IOException {
        socket.setSoTimeout(50);
        try {
            return socket.getInputStream().read() != -1;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads until the server ends the connection (end of stream or a reset), or the limit passes. */
    private static boolean closedByServerWithin(Socket socket, Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        try {
            InputStream in = socket.getInputStream();
            while (in.read() != -1) {
                // a 408 or alert before the close is fine
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) break;
            head.append((char) c);
        }
        String text = head.toString();
        int length = Integer.parseInt(text.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .map(l -> l.substring(15).strip()).findFirst().orElse("0"));
        in.readNBytes(length);
        return text;
    }
}
