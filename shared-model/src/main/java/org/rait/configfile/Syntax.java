package org.rait.configfile;

/** The two spellings of rait's config files. The syntax of a file is detected, never configured. */
public enum Syntax {
    /** The seed's {@code transport { ... }} syntax, which the original Go tool reads. */
    BLOCK,
    /** Genuine TOML: {@code [[transport]]}, {@code [isolation]}, {@code [[peers.endpoint]]}. */
    TOML;

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
            if (opensBlock(trimmed)) return java.util.Optional.of(BLOCK);
            start = end + 1;
        }
        return java.util.Optional.empty();
    }

    /**
     * Whether the line starts with {@code name {} (a name, spacing, a brace). By hand rather than a regex: every command
     * detects the syntax of rait.conf at start-up, where compiling and running a pattern is interpreted work.
     */
    static boolean opensBlock(String line) {
        int n = line.length();
        if (n == 0 || !isNameStart(line.charAt(0))) return false;
        int i = 1;
        while (i < n && (isNameStart(line.charAt(i)) || (line.charAt(i) >= '0' && line.charAt(i) <= '9') || line.charAt(i) == '-')) i++;
        // what \s matches: space, tab, line feed, vertical tab, form feed, carriage return
        while (i < n && (line.charAt(i) == ' ' || (line.charAt(i) >= '\t' && line.charAt(i) <= '\r'))) i++;
        return i < n && line.charAt(i) == '{';
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }
}
