package org.rait.configfile;

import java.util.regex.Pattern;

/** The two spellings of rait's config files. The syntax of a file is detected, never configured. */
public enum Syntax {
    /** The seed's {@code transport { ... }} syntax, which the original Go tool reads. */
    BLOCK,
    /** Genuine TOML: {@code [[transport]]}, {@code [isolation]}, {@code [[peers.endpoint]]}. */
    TOML;

    private static final Pattern BLOCK_OPENER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_-]*\\s*\\{");

    /**
     * The first line that opens a block ({@code name {}) or a TOML table ({@code [name]}) decides.
     * A file of plain {@code key = value} lines reads the same in both; it is read as TOML.
     */
    public static Syntax detect(String text) {
        return shown(text).orElse(TOML);
    }

    /** The syntax the text shows by its first block or table; empty for plain key = value lines (they read alike). */
    public static java.util.Optional<Syntax> shown(String text) {
        // Line by line from the top: the first block decides, mostly on the first line of a long peer list.
        for (int start = 0; start <= text.length(); ) {
            int end = text.indexOf('\n', start);
            if (end < 0) end = text.length();
            String trimmed = text.substring(start, end).strip();
            if (trimmed.startsWith("[")) return java.util.Optional.of(TOML);
            if (BLOCK_OPENER.matcher(trimmed).find()) return java.util.Optional.of(BLOCK);
            start = end + 1;
        }
        return java.util.Optional.empty();
    }
}
