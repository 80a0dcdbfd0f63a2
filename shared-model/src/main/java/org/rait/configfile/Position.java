package org.rait.configfile;

/** A place in a config file: 1-based line and column. */
record Position(int line, int column) {
    /** Start of the file; also where problems of the whole file are reported. */
    public static final Position START = new Position(1, 1);

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
