package org.rait.registry.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/** Errors Jetty answers itself (a malformed request line, a head over the size limit) in the API's JSON shape. */
final class JsonErrors extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        String text = message == null || message.isBlank() ? "the request was refused by the HTTP layer" : message;
        response.write(true, ByteBuffer.wrap(Json.write(new ErrorBody(code, text))), callback);
    }
}
