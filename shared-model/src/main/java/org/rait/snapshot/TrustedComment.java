package org.rait.snapshot;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the registry signs about a snapshot, as the minisign trusted comment
 * `serial:42 expires:1764160000 format:block`: a serial that only grows (rollback protection), an
 * expiry in Unix seconds (freeze protection) and the body's syntax. The text form is exact: keys in
 * this order, single spaces, decimal numbers without leading zeros, so parse(render(c)) == c and
 * render(parse(s)) == s.
 */
public record TrustedComment(long serial, Instant expires, SnapshotFormat format) {
    private static final Pattern FORM = Pattern.compile(
            "serial:(0|[1-9][0-9]{0,18}) expires:(0|[1-9][0-9]{0,18}) format:([a-z]+)");

    public TrustedComment {
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(format, "format");
        if (serial < 0) {
            throw new IllegalArgumentException("serial must not be negative, got " + serial);
        }
        if (expires.getEpochSecond() < 0 || expires.getNano() != 0) {
            throw new IllegalArgumentException("expires must be a whole, non-negative Unix second, got " + expires);
        }
    }

    /** Parses the exact form; anything else (extra keys, other order, other spacing) is malformed. */
    public static TrustedComment parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new MinisignFormatException("trusted comment '" + text
                    + "' is not of the form 'serial:N expires:UNIX_SECONDS format:block|toml'");
        }
        try {
            return new TrustedComment(Long.parseLong(m.group(1)), Instant.ofEpochSecond(Long.parseLong(m.group(2))),
                    SnapshotFormat.fromWord(m.group(3)));
        } catch (IllegalArgumentException e) {
            throw new MinisignFormatException("trusted comment '" + text + "': " + e.getMessage());
        }
    }

    public String render() {
        return "serial:" + serial + " expires:" + expires.getEpochSecond() + " format:" + format.word();
    }

    /** Expired at the stated second and after it. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expires);
    }

    @Override
    public String toString() {
        return render();
    }
}
