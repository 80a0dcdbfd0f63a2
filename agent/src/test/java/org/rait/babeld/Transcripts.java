package org.rait.babeld;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The babeld 1.12.1 transcripts in src/test/resources/org/rait/babeld (see the README there). */
final class Transcripts {
    private Transcripts() {
    }

    static String text(String name) {
        try (InputStream in = Transcripts.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing transcript " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ProtocolReader reader(String... names) {
        StringBuilder all = new StringBuilder();
        for (String name : names) all.append(text(name));
        BufferedReader lines = new BufferedReader(new java.io.StringReader(all.toString()));
        return new ProtocolReader(lines::readLine);
    }

    /** The body of a captured dump reply (its lines before the closing ok). */
    static List<String> dumpBody(String name) {
        try {
            Reply reply = reader(name).readReply();
            return ((Reply.Ok) reply).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
