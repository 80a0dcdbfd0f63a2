package org.rait.configfile;

import java.nio.file.Files;
import java.nio.file.Path;

/** Parses one peers file and prints how many peers it holds: what {@link ParseMemoryTest} runs in a small heap. */
public final class ParseFile {
    private ParseFile() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(ConfigFiles.parsePeers(Files.readAllBytes(Path.of(args[0])), args[0]).peers().size());
    }
}
