package org.rait.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** `rait babeld` refuses configurations it cannot act on before touching the kernel or a socket. */
class BabeldCommandTest {
    private static final String KEY = "private_key = \"IDpAsBoxAoS/iQR898ppm/jx+1s6VUCE/eT56acCC3g=\"\n";

    @TempDir
    Path dir;

    private String errorOf(String conf, String... command) throws IOException {
        Path file = dir.resolve("rait.conf");
        Files.writeString(file, conf);
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String[] args = new String[command.length + 2];
            System.arraycopy(command, 0, args, 0, command.length);
            args[command.length] = "-c";
            args[command.length + 1] = file.toString();
            assertEquals(ExitStatus.USAGE, Main.run(args));
        } finally {
            System.setErr(err);
        }
        return bytes.toString(StandardCharsets.UTF_8).replace(dir.toString(), "DIR");
    }

    @Test
    void withoutABabeldBlockThereIsNothingToTalkTo() throws IOException {
        assertEquals("rait: DIR/rait.conf has no babeld block: add babeld { socket_type = \"unix\" socket_addr ="
                + " \"/run/babeld.ctl\" } to use rait babeld\n", errorOf(KEY, "babeld", "sync"));
        assertEquals("rait: DIR/rait.conf has no babeld block: add babeld { socket_type = \"unix\" socket_addr ="
                + " \"/run/babeld.ctl\" } to use rait babeld\n", errorOf(KEY, "babeld", "list"));
    }

    @Test
    void anUnreadableTcpAddressIsAUsageProblemNamingTheFile() throws IOException {
        String conf = KEY + "babeld {\n  socket_type = \"tcp\"\n  socket_addr = \"::1:33123\"\n}\n";

        assertEquals("rait: DIR/rait.conf: babeld.socket_addr \"::1:33123\" is not a TCP address: use PORT"
                + " (meaning [::1]:PORT), [IPv6]:PORT or HOST:PORT\n", errorOf(conf, "babeld", "sync"));
    }

    @Test
    void aMissingConfigFileIsNamed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = System.err;
        try {
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertEquals(ExitStatus.USAGE, Main.run("babeld", "list", "-c", dir.resolve("absent.conf").toString()));
        } finally {
            System.setErr(err);
        }
        assertEquals("rait: cannot read rait.conf: cannot read " + dir.resolve("absent.conf") + ": no such file or directory\n",
                bytes.toString(StandardCharsets.UTF_8));
    }
}
