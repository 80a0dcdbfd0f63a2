package org.rait.isolation;

import org.junit.jupiter.api.Test;
import org.rait.config.Isolation;
import org.rait.config.IsolationType;
import org.rait.netlink.NetworkNamespace;

import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What VRF isolation accepts; the kernel side is tested in the VM (VrfIsolationVmTest). */
class VrfIsolationTest {
    private static Isolation vrf(String transit, String target, int table) {
        return new Isolation(IsolationType.VRF, 54, transit, target, table);
    }

    @Test
    void socketsAndInterfacesStayInTheNamespaceRaitRunsIn() {
        Namespace here = new Namespace();
        try (VrfIsolation scope = VrfIsolation.in(here, vrf("", "rait", 54))) {
            assertSame(here, scope.transit());
            assertSame(here, scope.target());
            assertEquals("rait", scope.vrfName());
        }
        assertTrue(here.closed, "the scope closes the namespace it was given");
    }

    @Test
    void aTransitVrfIsRefusedBecauseWireGuardSocketsCannotBeBoundToOne() {
        Namespace here = new Namespace();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VrfIsolation.in(here, vrf("underlay", "rait", 54)));
        assertEquals("isolation transit = \"underlay\" with type = \"vrf\": WireGuard sockets cannot be bound to a VRF;"
                + " leave transit empty (the sockets use the default VRF)", e.getMessage());
        assertTrue(here.closed, "nothing stays open after a refusal");
    }

    @Test
    void theTargetMustBeAUsableInterfaceName() {
        for (String target : new String[] {"", "sixteen-bytes-xx", "a/b", "a b"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> VrfIsolation.in(new Namespace(), vrf("", target, 54)), target);
            assertTrue(e.getMessage().startsWith("isolation target = \"" + target + "\" with type = \"vrf\" must name the VRF device"),
                    e.getMessage());
        }
    }

    @Test
    void theTableMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VrfIsolation.in(new Namespace(), vrf("", "rait", 0)));
        assertTrue(e.getMessage().startsWith("isolation vrf_table = 0 with type = \"vrf\""), e.getMessage());
    }

    @Test
    void netnsIsolationIsNotAVrf() {
        Isolation netns = new Isolation(IsolationType.NETNS, 54, "", "rait", 0);
        assertThrows(IllegalArgumentException.class, () -> VrfIsolation.in(new Namespace(), netns));
    }

    @Test
    void withAVrfTheTargetAlwaysExistsBecauseItIsTheCurrentNamespace() {
        assertTrue(IsolationScope.targetExists(vrf("", "no-such-netns", 54)));
    }

    /** A namespace handle that only records whether it was closed. */
    private static final class Namespace implements NetworkNamespace {
        boolean closed;

        @Override
        public String name() {
            return "";
        }

        @Override
        public int fd() {
            return -1;
        }

        @Override
        public <T> T call(Callable<T> action) throws Exception {
            return action.call();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
