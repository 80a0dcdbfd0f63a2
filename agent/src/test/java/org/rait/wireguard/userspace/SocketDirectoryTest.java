package org.rait.wireguard.userspace;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Where the userspace backend keeps a configuration's runtime entries: one directory per namespace and ifgroup. */
class SocketDirectoryTest {
    private static final Path RUN = Path.of("/run/rait");

    @Test
    void theEntriesOfANamedTargetLiveUnderItsNameAndIfgroup() {
        assertEquals(Path.of("/run/rait/wireguard/netns/raitns/54"), UserspaceWireGuard.socketDirectory(RUN, "raitns", 54));
    }

    @Test
    void theNamespaceRaitRunsInHasADirectoryNoNamespaceNameCanTake() {
        assertEquals(Path.of("/run/rait/wireguard/current/54"), UserspaceWireGuard.socketDirectory(RUN, "", 54));
        assertNotEquals(UserspaceWireGuard.socketDirectory(RUN, "", 54), UserspaceWireGuard.socketDirectory(RUN, "current", 54));
    }

    @Test
    void twoInstancesWithTheSameInterfaceNameInDifferentNamespacesOrGroupsNeverShareASocket() {
        WireGuardGoProcesses a = new WireGuardGoProcesses(UserspaceWireGuard.socketDirectory(RUN, "overlay-a", 54));
        WireGuardGoProcesses b = new WireGuardGoProcesses(UserspaceWireGuard.socketDirectory(RUN, "overlay-b", 54));
        WireGuardGoProcesses c = new WireGuardGoProcesses(UserspaceWireGuard.socketDirectory(RUN, "overlay-a", 55));

        assertNotEquals(a.socket("rait4x50181"), b.socket("rait4x50181"));
        assertNotEquals(a.socket("rait4x50181"), c.socket("rait4x50181"));
    }
}
