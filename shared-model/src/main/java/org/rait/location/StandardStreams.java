package org.rait.location;

import java.io.IOException;
import java.io.PrintStream;

/** {@code -}: stdin when reading, stdout when writing (looked up at use, so redirections apply). */
public record StandardStreams(TransferLimits limits) implements Location {
    @Override
    public byte[] read() throws LocationException {
        try {
            return BoundedRead.readAll(System.in, limits.maxBytes());
        } catch (IOException e) {
            throw new LocationException("cannot read stdin: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(byte[] content) throws LocationException {
        PrintStream out = System.out;
        out.write(content, 0, content.length);
        out.flush();
        if (out.checkError()) throw new LocationException("cannot write stdout");
    }

    @Override
    public String toString() {
        return "-";
    }
}
