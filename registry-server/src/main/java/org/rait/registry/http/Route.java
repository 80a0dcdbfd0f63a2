package org.rait.registry.http;

/** One method + path the server answers, and who answers it. */
public record Route(String method, PathTemplate path, Handler handler) {
    @FunctionalInterface
    public interface Handler {
        void handle(Request request) throws Exception;
    }
}
