package org.rait.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What `rait up` does with bad input: exit 2, a message naming the problem, nothing applied. */
class UpCommandTest {
    private static final String KEY = "KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI=";

    private record Result(int status, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.run(args);
            return new Result(status, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void aConfigThatDoesNotValidateExitsWithUsageAndNamesFileLineAndKey(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("rait.conf");
        Files.writeString(config, "private_key = \"" + KEY + "\"\ntransport {\naddress_family = \"ip4\"\nsend_port = 99999\n}\n");

        Result r = run("up", "--check", "-c", config.toString());

        assertEquals(ExitStatus.USAGE, r.status());
        assertTrue(r.err().contains(config + ":4:") && r.err().contains("send_port"), r.err());
    }

    @Test
    void aConfigNestedBeyondTheParseBudgetExitsWithUsageAndALocatedProblemNotAStackOverflow(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("rait.conf");
        Files.writeString(config, "[" + "a.".repeat(2000) + "]\n");

        Result r = run("up", "--check", "-c", config.toString());

        assertEquals(ExitStatus.USAGE, r.status());
        assertTrue(r.err().contains(config + ":1:34: a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a: nested more than 16 levels deep"), r.err());
        assertTrue(r.err().lines().count() < 5, r.err());
    }

    @Test
    void aRemotePeerListWithoutAPinnedKeyIsRefusedBeforeAnythingIsFetched(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("rait.conf");
        Files.writeString(config, "private_key = \"" + KEY + "\"\npeers = \"https://registry.invalid/peers.conf\"\n");

        Result r = run("up", "--check", "-c", config.toString());

        assertEquals(ExitStatus.USAGE, r.status());
        assertTrue(r.err().contains("agent.trusted_keys is empty"), r.err());
    }

    @Test
    void aMissingConfigFileSaysWhichFile(@TempDir Path dir) {
        Result r = run("up", "--check", "-c", dir.resolve("absent.conf").toString());

        assertEquals(ExitStatus.USAGE, r.status());
        assertTrue(r.err().contains("absent.conf"), r.err());
    }
}
