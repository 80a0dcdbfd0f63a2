package org.rait.babeld;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads babeld's control protocol from a stream of lines: the banner up to its {@code ok}, then one
 * reply per command. Knows nothing about sockets, so it is tested against captured transcripts.
 */
final class ProtocolReader {
    private final LineSource lines;

    ProtocolReader(LineSource lines) {
        this.lines = lines;
    }

    /** The greeting babeld sends on connect. */
    Banner readBanner() throws IOException {
        String protocol = next("the banner");
        if (!protocol.startsWith("BABEL ")) {
            throw new MalformedReply("expected a banner starting with 'BABEL', got '" + protocol + "'");
        }
        String version = "";
        String host = "";
        String routerId = "";
        for (String line = next("the banner"); !line.equals("ok"); line = next("the banner")) {
            String[] words = line.split(" ", 2);
            String value = words.length > 1 ? words[1] : "";
            switch (words[0]) {
                case "version" -> version = value;
                case "host" -> host = value;
                case "my-id" -> routerId = value;
                // Later babeld versions may add lines to the banner; they carry nothing we act on.
                default -> { }
            }
        }
        return new Banner(protocol, version, host, routerId);
    }

    /** Everything up to and including the line that ends one command's reply. */
    Reply readReply() throws IOException {
        List<String> body = new ArrayList<>();
        while (true) {
            String line = next("a reply");
            if (line.equals("ok")) return new Reply.Ok(body);
            if (line.equals("bad")) return new Reply.Bad();
            if (line.equals("no")) return new Reply.No("");
            if (line.startsWith("no ")) return new Reply.No(line.substring(3));
            body.add(line);
        }
    }

    private String next(String waitingFor) throws IOException {
        String line = lines.readLine();
        if (line == null) {
            throw new MalformedReply("babeld closed the connection while rait waited for " + waitingFor);
        }
        return line;
    }

}
