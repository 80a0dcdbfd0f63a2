package org.rait.location;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a whole stream, failing as soon as it grows past the limit instead of buffering all of it. */
final class BoundedRead {
    private BoundedRead() {
    }

    /** The bytes; {@link TooLarge} once more than {@code max} arrive. */
    static byte[] readAll(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            total += n;
            if (total > max) throw new TooLarge(max);
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    static final class TooLarge extends IOException {
        TooLarge(long max) {
            super("larger than the limit of " + max + " bytes");
        }
    }
}
