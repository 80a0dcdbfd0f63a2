package org.rait.registry.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.rait.log.EventLog;

/**
 * One line per request, Jetty's own refusals included (a head cut off by {@link HeaderDeadline} has its own line). The path and never the query or headers: a
 * token or a proof travels only in headers, and a path holds at most a node's public key.
 */
final class AccessLog implements RequestLog {
    private final EventLog log;

    /** @param log where the lines go: {@link CompleteLines} keeps a busy registry from one write per request */
    AccessLog(EventLog log) {
        this.log = log;
    }

    @Override
    public void log(Request request, Response response) {
        if (request.getConnectionMetaData().getAttribute(HeaderDeadline.CUT_OFF) != null) return;
        long micros = (System.nanoTime() - request.getBeginNanoTime()) / 1000;
        log.info("request", "method", request.getMethod(), "path", request.getHttpURI().getPath(),
                "status", response.getStatus(), "bytes", Math.max(0, response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH)),
                "ms", micros / 1000 + "." + micros / 100 % 10, "protocol", request.getConnectionMetaData().getProtocol(),
                "remote", Request.getRemoteAddr(request));
    }
}
