package org.rait.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.babeld.BabeldStep;
import org.rait.config.AgentSettings;
import org.rait.config.BabeldConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the pass tells babeld about its interfaces: like an Ansible handler, and once at the start of every run. */
class PassBabeldTest {
    private static final BabeldConfig BABELD = new BabeldConfig("unix", "/run/babeld.ctl", BabeldConfig.DEFAULT_PARAM, "");

    @TempDir
    Path dir;

    private final FakeTunnels kernel = new FakeTunnels();

    private Node node(Optional<BabeldConfig> babeld) throws IOException {
        Path peers = dir.resolve("peers.conf");
        Files.write(peers, Registry.body(Registry.peers(1, 2)));
        AgentSettings settings = new AgentSettings(List.of(), true, dir.resolve("state").toString(), 60, 0.5, "", "", false);
        return new Node(Node.config(peers.toString(), settings, babeld), dir.resolve("state"), kernel);
    }

    @Test
    void withoutABabeldBlockTheStepDoesNothingAndReportsNothing() throws IOException {
        try (Node n = node(Optional.empty())) {
            PassReport report = n.pass();

            assertEquals(BabeldStep.Status.NOT_CONFIGURED, report.babeld().status());
            assertEquals("", report.babeld().status().recapField());
            assertEquals("ok=2 changed=2 failed=0 removed=0", report.line().orElseThrow());
            assertEquals(0, kernel.babeldSyncs());
        }
    }

    @Test
    void laterPassWithNoInterfaceChangeDoesNotContactBabeld() throws IOException {
        try (Node n = node(Optional.of(BABELD))) {
            assertEquals(BabeldStep.Status.SYNCED, n.pass().babeld().status());

            PassReport second = n.pass();

            assertEquals(BabeldStep.Status.SKIPPED, second.babeld().status());
            assertEquals("babeld=skipped", second.babeld().status().recapField());
            assertEquals(1, kernel.babeldSyncs());
        }
    }

    @Test
    void firstPassSyncsEvenWhenNothingChanged() throws IOException {
        kernel.preinstall(Registry.peers(1, 2));
        try (Node n = node(Optional.of(BABELD))) {
            PassReport first = n.pass();

            assertEquals(0, first.recap().orElseThrow().changed(), "the tunnels were already there");
            assertEquals(BabeldStep.Status.SYNCED, first.babeld().status(), "babeld may have restarted since the last run");
            assertEquals("ok=2 changed=0 failed=0 removed=0 babeld=synced", first.line().orElseThrow());
        }
    }

    @Test
    void aFailedSyncIsTriedAgainAtTheNextPassAndFailsOnlyItsOwnStep() throws IOException {
        kernel.babeldAnswers(BabeldStep.Status.FAILED);
        try (Node n = node(Optional.of(BABELD))) {
            PassReport failed = n.pass();

            assertTrue(failed.applied(), "the tunnels are in place; only babeld lags behind");
            assertEquals("babeld=failed", failed.babeld().status().recapField());
            kernel.babeldAnswers(BabeldStep.Status.SYNCED);

            assertEquals(BabeldStep.Status.SYNCED, n.pass().babeld().status(), "nothing changed, yet the sync is due");
            assertEquals(2, kernel.babeldSyncs());
        }
    }
}
