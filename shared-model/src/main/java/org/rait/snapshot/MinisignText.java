package org.rait.snapshot;

import java.util.Base64;
import java.util.List;

/** The line layout shared by minisign's key and signature files. */
final class MinisignText {
    static final String UNTRUSTED_PREFIX = "untrusted comment: ";
    static final String TRUSTED_PREFIX = "trusted comment: ";
    /** minisign's own limit on a comment line. */
    static final int MAX_COMMENT_BYTES = 8192;

    private MinisignText() {
    }

    /** Splits on LF (tolerating CRLF and one final newline); no blank lines in between. */
    static List<String> lines(String text, String what) {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        List<String> lines = body.lines().map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l).toList();
        if (body.isEmpty()) {
            throw new MinisignFormatException(what + " is empty");
        }
        return lines;
    }

    static String comment(String line, String prefix, String what) {
        if (!line.startsWith(prefix)) {
            throw new MinisignFormatException(what + " must start with '" + prefix.strip() + "'");
        }
        return line.substring(prefix.length());
    }

    static byte[] base64(String line, int expectedLength, String what) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(line.strip());
        } catch (IllegalArgumentException e) {
            throw new MinisignFormatException(what + " is not valid base64");
        }
        if (decoded.length != expectedLength) {
            throw new MinisignFormatException(what + " decodes to " + decoded.length + " bytes, expected " + expectedLength);
        }
        return decoded;
    }

    /** A comment must stay on its line: minisign refuses line breaks in comments. */
    static String checkComment(String comment, String what) {
        if (comment.indexOf('\n') >= 0 || comment.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(what + " must not contain a line break");
        }
        if (comment.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_COMMENT_BYTES) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_COMMENT_BYTES + " bytes");
        }
        return comment;
    }
}
