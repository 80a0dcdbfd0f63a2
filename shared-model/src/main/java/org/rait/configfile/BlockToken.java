package org.rait.configfile;

/** A token of the block syntax; {@code text} is the decoded string for STRING tokens. */
record BlockToken(Kind kind, String text, Position position) {
    enum Kind { IDENT, STRING, INTEGER, FLOAT, EQUALS, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET, COMMA, END }

    String describe() {
        switch (kind) {
            case END: return "the end of the file";
            case STRING: return "a string";
            case IDENT: return "\"" + text + "\"";
            default: return "'" + text + "'";
        }
    }
}
