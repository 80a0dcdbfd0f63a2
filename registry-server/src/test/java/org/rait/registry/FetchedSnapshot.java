package org.rait.registry;

import okhttp3.Response;
import org.rait.snapshot.Minisign;
import org.rait.snapshot.MinisignPublicKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** peers.conf and its signature as a client fetches them, checked to belong together. */
record FetchedSnapshot(byte[] body, String signature, long serial, String bodyEtag, String signatureEtag) {
    /**
     * Fetches body and signature. A snapshot published between the two requests gives a mixed pair; like
     * an agent, fetch again (a few times) until both answers carry the same serial.
     */
    static FetchedSnapshot fetch(RunningRegistry registry, String query) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (Response body = registry.get("/peers.conf" + query, Map.of());
                 Response signature = registry.get("/peers.conf.minisig" + query, Map.of())) {
                assertEquals(200, body.code());
                assertEquals(200, signature.code());
                long serial = Long.parseLong(body.header("X-Rait-Serial"));
                long signatureSerial = Long.parseLong(signature.header("X-Rait-Serial"));
                if (signatureSerial != serial && attempt < 3) continue;
                assertEquals(serial, signatureSerial, "body and signature of one snapshot");
                return new FetchedSnapshot(body.body().bytes(), signature.body().string(), serial, body.header("ETag"),
                        signature.header("ETag"));
            }
        }
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Runs `minisign -V -Q -P KEY -m peers.conf` and returns the trusted comment it printed. */
    String verifiedByMinisign(MinisignPublicKey key, Path dir) throws Exception {
        Path file = dir.resolve("peers-" + serial + "-" + System.nanoTime() + ".conf");
        Files.write(file, body);
        Files.writeString(file.resolveSibling(file.getFileName() + ".minisig"), signature);
        Minisign.Result result = Minisign.run(dir, "-V", "-Q", "-P", key.render(), "-m", file.getFileName().toString());
        assertEquals(0, result.exitCode(), "minisign -V refused snapshot " + serial + ": " + result.output());
        return result.output().strip();
    }
}
