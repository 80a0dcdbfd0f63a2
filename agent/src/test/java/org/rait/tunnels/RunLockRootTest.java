package org.rait.tunnels;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.log.EventLog;
import org.rait.testbed.Testbed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `rait up` in another process waits for the run lock that this one holds; `rait up --check` does not. */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunLockRootTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    private Mesh mesh;

    @BeforeAll
    void buildMesh() throws Exception {
        Testbed.requireRoot("wireguard-go", "wg", "nsenter");
        mesh = new Mesh(bed, 2);
    }

    @AfterAll
    void downEverywhere() {
        if (mesh == null) return;
        for (SimulatedNode node : mesh.nodes) Mesh.rait(node, "down");
    }

    @Test
    void upWaitsForTheRunHoldingTheLockThenApplies() throws Exception {
        SimulatedNode node = mesh.node(1);
        Mesh.Run run;
        try (RunLock held = RunLock.acquire(node.runtimeDir(), Duration.ofSeconds(1), EventLog.quiet())) {
            CompletableFuture<Mesh.Run> up = CompletableFuture.supplyAsync(() -> Mesh.raitProcess(node, "up"));
            // Long enough for the other JVM to start and reach the lock on a loaded machine (at 3 s it sometimes did not).
            assertThrows(TimeoutException.class, () -> up.get(8, TimeUnit.SECONDS), "up must wait while the lock is held");
            assertEquals(List.of(), node.managedLinks(), "nothing is applied while another run holds the lock");
            held.close();
            run = up.get(60, TimeUnit.SECONDS);
        }

        assertEquals(0, run.status(), run.err());
        assertTrue(run.err().contains("event=waiting lock=" + node.runtimeDir().resolve("rait.lock")
                + " holder_pid=" + ProcessHandle.current().pid()), run.err());
        assertEquals(2, node.managedLinks().size(), "applied once the lock was free");
    }

    @Test
    void checkNeitherWaitsForNorTakesTheLock() throws Exception {
        SimulatedNode node = mesh.node(2);
        assertEquals(0, Mesh.rait(node, "up").status(), "with the target namespace made, --check observes the kernel");
        try (RunLock held = RunLock.acquire(node.runtimeDir(), Duration.ofSeconds(1), EventLog.quiet())) {
            Mesh.Run check = CompletableFuture.supplyAsync(() -> Mesh.raitProcess(node, "up", "--check")).get(20, TimeUnit.SECONDS);

            assertEquals(0, check.status(), check.err());
            assertFalse(check.err().contains("event=waiting"), check.err());
        }
    }
}
