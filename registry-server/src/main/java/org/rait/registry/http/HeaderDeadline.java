package org.rait.registry.http;

import org.eclipse.jetty.alpn.server.ALPNServerConnection;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.rait.log.EventLog;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Cuts off connections that are slow to say what they want. A new connection has {@code timeout} to
 * finish the TLS handshake and its first request head; on a kept-alive HTTP/1.1 connection, a head
 * found unfinished at two checks {@code timeout} apart (and no other head finished in between) ends
 * it. Waiting connections cost no thread either way (Jetty reads without blocking); this frees the
 * socket and says so in the log. HTTP/2 connections are left to the idle timeout: a stream's
 * headers arrive as whole frames.
 */
final class HeaderDeadline implements Connection.Listener {
    /** Set on an HTTP/1.1 connection this cut off: its unfinished request is logged as connection_closed, not as a request. */
    static final String CUT_OFF = "rait.header_timeout";
    private final Duration timeout;
    private final Scheduler scheduler;

    HeaderDeadline(Duration timeout, Scheduler scheduler) {
        this.timeout = timeout;
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof ALPNServerConnection negotiation) {
            later(() -> {
                if (current(negotiation)) close(negotiation, "tls_handshake");
            });
        } else if (connection instanceof HttpConnection http) {
            later(() -> {
                if (!current(http)) return;
                if (http.getMessagesIn() == 0) {
                    close(http, "first_request_head");
                } else {
                    watch(http, http.getMessagesIn(), midHead(http));
                }
            });
        }
    }

    private void watch(HttpConnection http, long headsBefore, boolean midHeadBefore) {
        later(() -> {
            if (!current(http)) return;
            long heads = http.getMessagesIn();
            boolean midHead = midHead(http);
            if (heads == headsBefore && midHeadBefore && midHead) {
                close(http, "request_head");
            } else {
                watch(http, heads, midHead);
            }
        });
    }

    /** Some of a request head has arrived, not all of it. */
    private static boolean midHead(HttpConnection http) {
        HttpParser parser = http.getParser();
        return !parser.isStart() && parser.inHeaderState() && !parser.inContentState();
    }

    /** Still open and not replaced by another protocol's connection. */
    private static boolean current(Connection connection) {
        EndPoint endPoint = connection.getEndPoint();
        return endPoint.isOpen() && endPoint.getConnection() == connection;
    }

    private void later(Runnable check) {
        scheduler.schedule(check, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void close(Connection connection, String waitingFor) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        EventLog.stderr().warn("connection_closed", "reason", "header_timeout", "waiting_for", waitingFor, "timeout_s", timeout.toSeconds(),
                "remote", remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(remote));
        if (connection instanceof HttpConnection http) {
            http.setAttribute(CUT_OFF, Boolean.TRUE);
        }
        connection.close();
    }
}
