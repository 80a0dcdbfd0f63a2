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
        if (text.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            throw new LocationException("unsupported URL scheme in " + text + " (use a path, '-', http:// or https://)");
        }
        return new FileLocation(text, limits);
    }
}
