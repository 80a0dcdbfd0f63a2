package org.rait.cli;

import org.rait.config.RaitConfig;
import org.rait.configfile.ConfigException;
import org.rait.configfile.ConfigFiles;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** Reads rait.conf from the seed's URL forms: a path, "-" for stdin, or an http(s) URL. */
final class RaitConfigSource {
    private RaitConfigSource() {
    }

    /** @throws UsageProblem naming the location when it cannot be read or does not validate */
    static RaitConfig load(String location, InputStream stdin) {
        byte[] bytes = read(location, stdin);
        try {
            return ConfigFiles.parseRaitConfig(bytes, location.equals("-") ? "<stdin>" : location);
        } catch (ConfigException e) {
            throw new UsageProblem(e.getMessage(), e);
        }
    }

    private static byte[] read(String location, InputStream stdin) {
        try {
            if (location.equals("-")) return stdin.readAllBytes();
            if (location.startsWith("http://") || location.startsWith("https://")) return fetch(location);
            return Files.readAllBytes(Path.of(location));
        } catch (NoSuchFileException e) {
            throw new UsageProblem("cannot read rait.conf: " + location + " does not exist");
        } catch (IOException e) {
            throw new UsageProblem("cannot read rait.conf from " + location + ": " + e.getMessage(), e);
        }
    }

    private static byte[] fetch(String url) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) throw new IOException("HTTP " + response.statusCode());
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
