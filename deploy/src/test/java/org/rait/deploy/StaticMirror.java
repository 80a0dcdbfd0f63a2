package org.rait.deploy;

import org.rait.testbed.Testbed;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * nginx serving a registry's mirror directory over plain HTTP on a loopback port, with its own config
 * and prefix in a test directory; the Testbed ends it by PID.
 */
final class StaticMirror {
    private final int port;

    private StaticMirror(int port) {
        this.port = port;
    }

    static StaticMirror serve(Testbed bed, Path root) throws IOException, InterruptedException {
        Path prefix = bed.directory("nginx");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Files.createDirectories(prefix.resolve("logs"));
        Files.writeString(prefix.resolve("nginx.conf"), String.join("\n",
                "user root;",                                  // the test directories are root's, 0700
                "worker_processes 1;",
                "pid " + prefix.resolve("nginx.pid") + ";",
                "error_log " + prefix.resolve("logs/error.log") + ";",
                "events { worker_connections 64; }",
                "http {",
                "  access_log " + prefix.resolve("logs/access.log") + ";",
                "  client_body_temp_path " + prefix.resolve("body") + ";",
                "  default_type text/plain;",
                "  server { listen 127.0.0.1:" + port + "; root " + root + "; }",
                "}", ""));
        bed.start(List.of("nginx", "-p", prefix.toString(), "-c", prefix.resolve("nginx.conf").toString(), "-g", "daemon off;"),
                prefix.resolve("logs/stdout.log"));
        for (int i = 0; i < 100; i++) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return new StaticMirror(port);
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("nginx did not listen on 127.0.0.1:" + port + "; see " + prefix.resolve("logs/error.log"));
    }

    String peersUrl() {
        return "http://127.0.0.1:" + port + "/peers.conf";
    }
}
