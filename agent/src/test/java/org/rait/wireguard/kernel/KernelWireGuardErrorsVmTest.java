package org.rait.wireguard.kernel;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.keys.WgKey;
import org.rait.netlink.NetlinkException;
import org.rait.netlink.NetworkNamespace;
import org.rait.testbed.KernelFeatures;
import org.rait.testbed.Netns;
import org.rait.testbed.Testbed;
import org.rait.wireguard.DeviceConfig;
import org.rait.wireguard.WireGuardException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the kernel backend says when the kernel refuses (VM only): the errno, its name, the device, the namespace. */
@Tag("vm")
class KernelWireGuardErrorsVmTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    private static final WgKey PRIVATE = WgKey.parseBase64("KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI=");

    @BeforeAll
    static void needsKernelWireGuard() {
        KernelFeatures.requireLinkKinds("wireguard");
    }

    @Test
    void configuringADeviceThatDoesNotExistNamesItAndENODEV() {
        Netns ns = bed.namespace("err-nodev");
        try (NetworkNamespace handle = NetworkNamespace.open(ns.name()); KernelWireGuard wg = new KernelWireGuard()) {
            WireGuardException e = assertThrows(WireGuardException.class,
                    () -> wg.configure("rtw-missing", handle, new DeviceConfig(PRIVATE, 0, 0, List.of())));

            assertTrue(e.getMessage().startsWith("cannot configure rtw-missing in netns " + ns.name() + ": "), e.getMessage());
            assertEquals(19, assertInstanceOf(NetlinkException.class, e.getCause()).errno());
            assertTrue(e.getMessage().contains("ENODEV (errno 19)"), e.getMessage());
        }
    }

    @Test
    void aListenPortThatIsTakenNamesTheDeviceAndEADDRINUSE() {
        Netns ns = bed.namespace("err-port");
        try (NetworkNamespace handle = NetworkNamespace.open(ns.name()); KernelWireGuard wg = new KernelWireGuard()) {
            wg.create("rtw-a", handle, handle);
            wg.create("rtw-b", handle, handle);
            ns.sh("ip link set rtw-a up && ip link set rtw-b up");
            wg.configure("rtw-a", handle, new DeviceConfig(PRIVATE, 50999, 0, List.of()));

            WireGuardException e = assertThrows(WireGuardException.class,
                    () -> wg.configure("rtw-b", handle, new DeviceConfig(PRIVATE, 50999, 0, List.of())));

            assertTrue(e.getMessage().startsWith("cannot configure rtw-b in netns " + ns.name() + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("EADDRINUSE (errno 98)"), e.getMessage());
        }
    }

    @Test
    void creatingANameThatIsTakenNamesItAndEEXIST() {
        Netns ns = bed.namespace("err-exist");
        ns.sh("ip link add rtw-c type dummy");
        try (NetworkNamespace handle = NetworkNamespace.open(ns.name()); KernelWireGuard wg = new KernelWireGuard()) {
            WireGuardException e = assertThrows(WireGuardException.class, () -> wg.create("rtw-c", handle, handle));

            assertTrue(e.getMessage().startsWith("cannot create rtw-c in netns " + ns.name() + " "), e.getMessage());
            assertTrue(e.getMessage().contains("EEXIST (errno 17)"), e.getMessage());
        }
    }
}
