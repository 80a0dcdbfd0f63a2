package org.rait.babeld;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's transport and error messages, against local sockets (no babeld, no root). */
class BabeldClientTest {
    private static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(300));

    @TempDir
    Path dir;

    @Test
    void absentUnixSocketIsNamedWithAHintAboutMinusG() {
        Path socket = dir.resolve("babeld.ctl");

        BabeldException e = assertThrows(BabeldException.class,
                () -> BabeldClient.connect(new ControlSocket.Unix(socket), SHORT));

        assertEquals("babeld control socket unix:" + socket + " does not exist: is babeld running with -G "
                + socket + "?", e.getMessage());
    }

    @Test
    void socketLeftByAStoppedBabeldRefusesAndIsNamed() throws IOException {
        Path socket = dir.resolve("stale.ctl");
        try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.bind(UnixDomainSocketAddress.of(socket));
        }

        BabeldException e = assertThrows(BabeldException.class,
                () -> BabeldClient.connect(new ControlSocket.Unix(socket), SHORT));

        assertTrue(e.getMessage().startsWith("babeld control socket unix:" + socket + " refused the connection"),
                e.getMessage());
    }

    @Test
    void aListenerThatNeverGreetsTimesOutNamingTheSocket() throws IOException {
        Path socket = dir.resolve("silent.ctl");
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(socket));

            BabeldException e = assertThrows(BabeldException.class,
                    () -> BabeldClient.connect(new ControlSocket.Unix(socket), SHORT));

            assertEquals("babeld at unix:" + socket + " did not answer in time while rait waited for the banner"
                    + " (no complete line within 0.3 s)", e.getMessage());
        }
    }

    @Test
    void refusedTcpPortIsNamed() throws IOException {
        int port;
        try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("::1"))) {
            port = probe.getLocalPort();
        }
        int closed = port;

        BabeldException e = assertThrows(BabeldException.class,
                () -> BabeldClient.connect(new ControlSocket.Tcp("::1", closed), SHORT));

        assertEquals("babeld control socket tcp:[::1]:" + closed + " refused the connection: is babeld running and"
                + " was it started with -G " + closed + "?", e.getMessage());
    }

    @Test
    void commandsGoOneLineEachAndRepliesComeBackTyped() throws IOException {
        try (ReplayedBabeld babeld = new ReplayedBabeld(Map.of(
                "dump", Transcripts.text("dump-converged.txt"),
                "interface vA type tunnel", "ok\n",
                "flush interface nosuch", "no No such interface\n"))) {
            try (BabeldClient client = BabeldClient.connect(new ControlSocket.Tcp("::1", babeld.port()), SHORT)) {
                assertEquals("babeld-1.12.1", client.banner().version());
                assertEquals(new Reply.Ok(List.of()), client.send("interface vA type tunnel"));
                assertEquals(new Reply.No("No such interface"), client.send("flush interface nosuch"));
                assertEquals(new Reply.Bad(), client.send("frobnicate"));
                assertEquals(List.of("placeholder0", "vA", "vC"), client.dump().interfaceNames());
            }
            assertEquals(List.of("interface vA type tunnel", "flush interface nosuch", "frobnicate", "dump"),
                    babeld.received());
        }
    }

    @Test
    void aCommandSpanningLinesIsRefusedBeforeAnythingIsSent() throws IOException {
        try (ReplayedBabeld babeld = new ReplayedBabeld(Map.of());
             BabeldClient client = BabeldClient.connect(new ControlSocket.Tcp("::1", babeld.port()), SHORT)) {
            assertThrows(IllegalArgumentException.class, () -> client.send("interface a\nflush interface b"));
            assertThrows(IllegalArgumentException.class, () -> client.send(" "));
            assertEquals(List.of(), babeld.received());
        }
    }

    @Test
    void dumpRefusedByBabeldIsAnErrorNamingTheSocket() throws IOException {
        try (ReplayedBabeld babeld = new ReplayedBabeld(Map.of("dump", "no Permission denied\n"));
             BabeldClient client = BabeldClient.connect(new ControlSocket.Tcp("::1", babeld.port()), SHORT)) {
            BabeldException e = assertThrows(BabeldException.class, client::dump);
            assertEquals("babeld at tcp:[::1]:" + babeld.port() + " answered 'no Permission denied' to 'dump'",
                    e.getMessage());
        }
    }
}
