package org.rait.configfile;

/**
 * What a config or peers file may cost to parse, the same in both syntaxes: a file beyond the budget
 * is a located problem, never a stack overflow or an exhausted heap. Both parsers hold memory in
 * proportion to the input (about 10-30 bytes of heap per input byte, see docs/benchmarks.md).
 */
final class ParseBudget {
    /** Tables, blocks, arrays and dotted keys within one another; rait's own files need 3. */
    static final int MAX_DEPTH = 16;
    /** Four times the agent's 4 MiB fetch cap, so every peer list the agent accepts parses. */
    static final int MAX_CHARS = 16 << 20;

    private ParseBudget() {
    }

    static String tooDeep() {
        return "nested more than " + MAX_DEPTH + " levels deep (the parse budget)";
    }

    /** The problem with a text beyond the size budget, or null. */
    static ConfigProblem tooLarge(String text, String source) {
        if (text.length() <= MAX_CHARS) return null;
        return ConfigProblem.at(source, Position.START, "", "the file is " + text.length() + " characters; at most "
                + MAX_CHARS + " are parsed (the parse budget)");
    }
}
