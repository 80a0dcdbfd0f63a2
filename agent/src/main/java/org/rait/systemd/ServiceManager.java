package org.rait.systemd;

import org.rait.netlink.LibC;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tells systemd how the service is doing (sd_notify(3): READY=1, RELOADING=1, STOPPING=1, STATUS=...), for
 * {@code Type=notify}. The message goes as one datagram to the unix socket in $NOTIFY_SOCKET. Java 17 has no unix
 * datagram channel, so it goes through libc ({@link LibC}, which the agent loads anyway for netlink): one sendto, no
 * process to spawn, and the sender is the main process as {@code NotifyAccess=main} wants (systemd-notify, a
 * child, would need NotifyAccess=all and races its own exit). Without $NOTIFY_SOCKET (not run by systemd)
 * every call does nothing.
 */
public final class ServiceManager {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;
    /** sizeof(struct sockaddr_un) on Linux: sa_family_t, then 108 bytes of path. */
    private static final int PATH_MAX = 108;

    private final Optional<byte[]> address;
    private boolean ready;

    private ServiceManager(Optional<byte[]> address) {
        this.address = address;
    }

    /** The service manager that started this process, as $NOTIFY_SOCKET names it; a silent one without it. */
    public static ServiceManager fromEnvironment() {
        return of(Optional.ofNullable(System.getenv("NOTIFY_SOCKET")).filter(s -> !s.isEmpty()));
    }

    /** A path, or "@name" for an abstract socket (as systemd sets it in containers). */
    public static ServiceManager of(Optional<String> notifySocket) {
        return new ServiceManager(notifySocket.map(ServiceManager::sockaddr));
    }

    /** READY=1 the first time (start-up is over), then only the status line. */
    public synchronized void ready(String status) {
        send((ready ? "" : "READY=1\n") + "STATUS=" + status);
        ready = true;
    }

    /** A reload began; {@link #ready} again when it is done. */
    public synchronized void reloading(String status) {
        send("RELOADING=1\nSTATUS=" + status);
        ready = false;
    }

    public synchronized void stopping() {
        send("STOPPING=1\nSTATUS=stopping");
    }

    /** Whether a service manager listens (the messages go somewhere). */
    public boolean active() {
        return address.isPresent();
    }

    private void send(String message) {
        if (address.isEmpty()) return;
        // A failed notification must never stop the agent: systemd then times the start out, which says enough.
        LibC c = LibC.INSTANCE;
        int fd = c.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) return;
        try {
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            c.sendto(fd, bytes, bytes.length, MSG_NOSIGNAL, address.get(), address.get().length);
        } finally {
            c.close(fd);
        }
    }

    /** struct sockaddr_un, only as long as the name: abstract names are not NUL-terminated. */
    public static byte[] sockaddr(String socket) {
        byte[] name = socket.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = socket.startsWith("@");
        if (name.length >= PATH_MAX) throw new IllegalArgumentException("NOTIFY_SOCKET is too long: " + socket);
        byte[] address = new byte[2 + name.length + (abstractName ? 0 : 1)];
        address[0] = AF_UNIX; // sa_family_t, little-endian on the architectures rait runs on
        System.arraycopy(name, 0, address, 2, name.length);
        if (abstractName) address[2] = 0;
        return address;
    }
}
