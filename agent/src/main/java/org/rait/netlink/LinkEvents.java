package org.rait.netlink;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A subscription to link and address changes in one namespace: a NETLINK_ROUTE socket joined to RTNLGRP_LINK
 * and the IPv4 and IPv6 address groups, read by a daemon thread that hands every RTM_NEWLINK / RTM_DELLINK and
 * RTM_NEWADDR / RTM_DELADDR to the listener. Closing ends it.
 */
public final class LinkEvents implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LinkEvents.class.getName());
    /** How often the reader looks up from the socket to notice {@link #close()}. */
    private static final int POLL_MILLIS = 200;
    /**
     * Asked for with SO_RCVBUFFORCE (the kernel doubles it): about 8,000 events, each taking some 4 KiB of buffer (the
     * default 208 KiB overflowed after 50). Memory is only taken while events wait.
     */
    private static final int EVENT_RECEIVE_BUFFER = 16 * 1024 * 1024;

    private final NetlinkSocket socket;
    private final Consumer<LinkEvent> listener;
    private final Runnable stopped;
    private final Thread reader;
    private volatile boolean closed;

    private LinkEvents(NetlinkSocket socket, Consumer<LinkEvent> listener, Runnable stopped, String namespace) {
        this.socket = socket;
        this.listener = listener;
        this.stopped = stopped;
        this.reader = new Thread(this::readLoop, "link-events-" + (namespace.isEmpty() ? "current" : namespace));
        reader.setDaemon(true);
    }

    /** Starts delivering events of {@code namespace}; the listener runs on the subscription's own thread. */
    public static LinkEvents subscribe(NetworkNamespace namespace, Consumer<LinkEvent> listener) {
        return subscribe(namespace, listener, () -> { });
    }

    /** The same; {@code stopped} runs on the subscription's thread when a socket error ends it (not when closed). */
    public static LinkEvents subscribe(NetworkNamespace namespace, Consumer<LinkEvent> listener, Runnable stopped) {
        NetlinkSocket socket;
        try {
            socket = namespace.call(() -> NetlinkSocket.open(Nl.NETLINK_ROUTE,
                    Nl.RTMGRP_LINK | Nl.RTMGRP_IPV4_IFADDR | Nl.RTMGRP_IPV6_IFADDR));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot subscribe to link events in " + namespace, e);
        }
        socket.setReceiveTimeoutMillis(POLL_MILLIS);
        // Room for the burst of a large apply (a few events per interface it makes) while the listener catches up:
        // an overflow loses events, and the agent must then read everything again.
        socket.forceReceiveBuffer(EVENT_RECEIVE_BUFFER);
        LinkEvents events = new LinkEvents(socket, listener, stopped, namespace.name());
        events.reader.start();
        return events;
    }

    private void readLoop() {
        while (!closed) {
            try {
                for (NetlinkMessage message : socket.receive()) {
                    if (message.type() == Nl.RTM_NEWLINK || message.type() == Nl.RTM_DELLINK) {
                        deliver(LinkEvent.of(message));
                    } else if (message.type() == Nl.RTM_NEWADDR || message.type() == Nl.RTM_DELADDR) {
                        LinkEvent.ofAddress(message).ifPresent(this::deliver);
                    }
                }
            } catch (SystemCallException e) {
                if (closed) return;
                if (e.errno() == Errno.ENOBUFS) {
                    deliver(new LinkEvent(LinkEvent.Kind.LOST, Optional.empty()));
                } else {
                    LOG.log(Level.WARNING, "event=link_events_stopped reason=" + e.getMessage());
                    stopped.run();
                    return;
                }
            }
        }
    }

    private void deliver(LinkEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event=link_listener_failed kind=" + event.kind() + " error=" + e, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            reader.join(POLL_MILLIS * 5L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
    }
}
