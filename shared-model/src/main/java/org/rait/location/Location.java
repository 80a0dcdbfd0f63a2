package org.rait.location;

import okhttp3.HttpUrl;

/**
 * Wherever rait reads or writes a file: a filesystem path, {@code -} (stdin when reading, stdout
 * when writing) or an {@code http://} / {@code https://} URL. Reads are capped in size.
 */
public sealed interface Location permits FileLocation, StandardStreams, HttpLocation {
    byte[] read() throws LocationException;

    void write(byte[] content) throws LocationException;

    /** The location as the operator wrote it; used in every message about it. */
    @Override
    String toString();

    static Location of(String text) throws LocationException {
        return of(text, TransferLimits.DEFAULT);
    }

    static Location of(String text, TransferLimits limits) throws LocationException {
        if (text.equals("-")) return new StandardStreams(limits);
        if (text.startsWith("http://") || text.startsWith("https://")) {
            HttpUrl url = HttpUrl.parse(text);
            if (url == null) throw new LocationException("not a valid URL: " + text);
            return new HttpLocation(text, url, limits);
        }
        if (text.isEmpty()) throw new LocationException("an empty location: give a path, '-' or an http(s) URL");
        if (namesScheme(text)) {
            throw new LocationException("unsupported URL scheme in " + text + " (use a path, '-', http:// or https://)");
        }
        return new FileLocation(text, limits);
    }

    /**
     * Whether the text is a URL of some scheme: what {@code text.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")} says (a
     * scheme, "://", then no line terminator), without compiling that expression at every start (its character
     * classes link lambdas: ~1 ms of every one-shot on the host, docs/benchmarks.md "Sixth round").
     */
    static boolean namesScheme(String text) {
        int end = text.indexOf("://");
        if (end < 1 || !isAsciiLetter(text.charAt(0))) return false;
        for (int i = 1; i < end; i++) {
            char c = text.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '.' && c != '-') return false;
        }
        for (int i = end + 3; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') return false;
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }
}
