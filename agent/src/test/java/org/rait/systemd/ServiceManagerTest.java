package org.rait.systemd;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.netlink.LibC;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What systemd receives on $NOTIFY_SOCKET: a unix datagram per notification, as sd_notify(3) sends it. */
class ServiceManagerTest {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;

    @TempDir
    Path dir;

    private int listener = -1;

    /** A datagram socket bound where systemd's would be, the receiving end of $NOTIFY_SOCKET. */
    private String listen(String name) {
        listener = LibC.INSTANCE.socket(AF_UNIX, SOCK_DGRAM, 0);
        assertTrue(listener >= 0, "socket: errno " + LibC.errno());
        byte[] timeout = new byte[16];
        timeout[0] = 5; // struct timeval { 5 s, 0 us }, little-endian
        LibC.INSTANCE.setsockopt(listener, SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.length);
        byte[] address = ServiceManager.sockaddr(name);
        assertEquals(0, LibC.INSTANCE.bind(listener, address, address.length), "bind " + name + ": errno " + LibC.errno());
        return name;
    }

    private String receive() {
        byte[] buffer = new byte[4096];
        long n = LibC.INSTANCE.recvfrom(listener, buffer, buffer.length, 0);
        assertTrue(n >= 0, "nothing received: errno " + LibC.errno());
        return new String(buffer, 0, (int) n, StandardCharsets.UTF_8);
    }

    @AfterEach
    void close() {
        if (listener >= 0) LibC.INSTANCE.close(listener);
    }

    @Test
    void readyIsSentOnceThenOnlyTheStatusLine() {
        ServiceManager systemd = ServiceManager.of(Optional.of(listen(dir.resolve("notify").toString())));

        systemd.ready("last pass: news=updated action=applied");
        systemd.ready("last pass: news=unchanged action=none");

        assertEquals("READY=1\nSTATUS=last pass: news=updated action=applied", receive());
        assertEquals("STATUS=last pass: news=unchanged action=none", receive());
    }

    @Test
    void reloadingThenReadyAgainAndStopping() {
        ServiceManager systemd = ServiceManager.of(Optional.of(listen(dir.resolve("notify").toString())));
        systemd.ready("up");
        systemd.reloading("reading rait.conf");
        systemd.ready("reloaded");
        systemd.stopping();

        assertEquals("READY=1\nSTATUS=up", receive());
        assertEquals("RELOADING=1\nSTATUS=reading rait.conf", receive());
        assertEquals("READY=1\nSTATUS=reloaded", receive());
        assertEquals("STOPPING=1\nSTATUS=stopping", receive());
    }

    @Test
    void anAbstractSocketNameWorksToo() {
        String name = "@rait-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        ServiceManager.of(Optional.of(listen(name))).ready("up");
        assertEquals("READY=1\nSTATUS=up", receive());
    }

    @Test
    void abstractNamesStartWithANulByteAndAreNotTerminated() {
        assertArrayEquals(new byte[] {1, 0, 0, 'a', 'b'}, ServiceManager.sockaddr("@ab"));
        assertArrayEquals(new byte[] {1, 0, '/', 'x', 0}, ServiceManager.sockaddr("/x"));
    }

    @Test
    void withoutNotifySocketNothingIsSentAndNothingFails() {
        ServiceManager systemd = ServiceManager.of(Optional.empty());
        assertFalse(systemd.active());
        systemd.ready("up");
        systemd.stopping();
    }
}
