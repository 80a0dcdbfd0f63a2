package org.rait.registry.http;

/**
 * One method + path the server answers, and who answers it. A handler {@code fromMemory} answers from what is
 * in memory without waiting (no database, no request body), so it runs on the thread that read the request;
 * any other may block and runs on the bounded pool.
 */
public record Route(String method, PathTemplate path, Handler handler, boolean fromMemory) {
    @FunctionalInterface
    public interface Handler {
        void handle(Request request) throws Exception;
    }
}
