package org.rait.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Operator mistakes `rait agent` refuses before fetching or touching anything (exit 2). */
class AgentCommandTest {
    private static final String KEY = "KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI=";

    @TempDir
    Path dir;

    @Test
    void aRemotePeerListWithoutAPinnedKeyIsAUsageError() throws Exception {
        Path config = write("peers = \"https://registry.example/peers.conf\"\n");

        CliRun run = CliRun.run("", "agent", "--once", "-c", config.toString());

        assertEquals(ExitStatus.USAGE, run.status(), run.err());
        assertTrue(run.err().contains("agent.trusted_keys is empty"), run.err());
    }

    @Test
    void aTrustedKeyThatIsNotAMinisignKeyIsNamedByItsPosition() throws Exception {
        Path config = write("peers = \"https://registry.example/peers.conf\"\nagent {\ntrusted_keys = [\"RWnotakey\"]\n}\n");

        CliRun run = CliRun.run("", "agent", "--once", "-c", config.toString());

        assertEquals(ExitStatus.USAGE, run.status(), run.err());
        assertTrue(run.err().contains("agent.trusted_keys[0] is not a minisign public key"), run.err());
    }

    @Test
    void forceOnlyGoesWithOnce() throws Exception {
        Path config = write("peers = \"" + dir.resolve("peers.conf") + "\"\n");

        CliRun run = CliRun.run("", "agent", "--force", "-c", config.toString());

        assertEquals(ExitStatus.USAGE, run.status(), run.err());
        assertTrue(run.err().contains("--force needs --once"), run.err());
    }

    @Test
    void aBadTlsPinIsAUsageError() throws Exception {
        Path config = write("peers = \"" + dir.resolve("peers.conf") + "\"\n");

        CliRun run = CliRun.run("", "agent", "--once", "--tls-pin", "md5/abc", "-c", config.toString());

        assertEquals(ExitStatus.USAGE, run.status(), run.err());
        assertTrue(run.err().contains("--tls-pin"), run.err());
    }

    private Path write(String peersAndAgent) throws Exception {
        Path config = dir.resolve("rait.conf");
        Files.writeString(config, "private_key = \"" + KEY + "\"\n" + peersAndAgent
                + "transport {\naddress_family = \"ip6\"\nsend_port = 50154\n}\n");
        return config;
    }
}
