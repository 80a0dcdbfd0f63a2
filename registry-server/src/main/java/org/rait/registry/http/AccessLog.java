package org.rait.registry.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.rait.registry.EventLog;

/**
 * One line per request, Jetty's own refusals included. The path and never the query or headers: a
 * token or a proof travels only in headers, and a path holds at most a node's public key.
 */
final class AccessLog implements RequestLog {
    @Override
    public void log(Request request, Response response) {
        long micros = (System.nanoTime() - request.getBeginNanoTime()) / 1000;
        EventLog.event("request", "method", request.getMethod(), "path", request.getHttpURI().getPath(),
                "status", response.getStatus(), "bytes", Response.getContentBytesWritten(response),
                "ms", micros / 1000 + "." + micros / 100 % 10, "protocol", request.getConnectionMetaData().getProtocol(),
                "remote", Request.getRemoteAddr(request));
    }
}
