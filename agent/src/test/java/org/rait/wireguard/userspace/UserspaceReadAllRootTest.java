package org.rait.wireguard.userspace;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.keys.WgKey;
import org.rait.netlink.NetworkNamespace;
import org.rait.netlink.RouteNetlink;
import org.rait.testbed.Netns;
import org.rait.testbed.Testbed;
import org.rait.wireguard.DeviceConfig;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.PeerConfig;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading many wireguard-go devices at once: each answers as it would alone. */
@Tag("root")
class UserspaceReadAllRootTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    private static final WgKey PRIVATE = WgKey.parseBase64("KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI=");
    private static final WgKey PEER = WgKey.parseBase64("rCOdBo/VRxc2ulTM3TzQ9UmHYRAGR4mkN15rs7rmMiY=");

    @BeforeEach
    void needsRootAndWireGuardGo() {
        Testbed.requireRoot("ip", "wireguard-go");
    }

    @Test
    void devicesReadTogetherAnswerAsReadOneByOne() throws Exception {
        Netns ns = bed.namespace("uread");
        int devices = 20;
        Map<String, RouteNetlink> sockets = new HashMap<>();
        try (NetworkNamespace handle = NetworkNamespace.open(ns.name())) {
            UserspaceWireGuard wg = new UserspaceWireGuard(bed.directory("uapi"),
                    n -> sockets.computeIfAbsent(NetworkNamespace.identity(n), k -> RouteNetlink.open(n)));
            List<String> names = new ArrayList<>();
            for (int i = 0; i < devices; i++) {
                String name = "rtu" + i;
                wg.create(name, handle, handle);
                if (i != 7) { // one left as wireguard-go starts it: no key, no peers
                    InetSocketAddress endpoint = new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) i}), 50000 + i);
                    wg.configure(name, handle, new DeviceConfig(PRIVATE, 52000 + i, i,
                            List.of(new PeerConfig(PEER, Optional.of(endpoint), List.of("10.9." + i + ".0/24", "::/0"), 25))));
                }
                names.add(name);
            }
            names.add(3, "rtumissing");

            wg.readAll(names, handle); // the JIT's share, before either is timed
            long t0 = System.nanoTime();
            Map<String, Optional<DeviceState>> alone = new LinkedHashMap<>();
            for (String name : names) alone.put(name, wg.read(name, handle));
            long t1 = System.nanoTime();
            Map<String, Optional<DeviceState>> together = wg.readAll(names, handle);
            long t2 = System.nanoTime();

            assertEquals(alone, together);
            assertEquals(names, List.copyOf(together.keySet()), "in the order asked");
            assertEquals(Optional.empty(), together.get("rtumissing"), "no wireguard-go answers for it");
            assertEquals(List.of(), together.get("rtu7").orElseThrow().peers());
            assertEquals(52019, together.get("rtu19").orElseThrow().listenPort());
            assertTrue(together.values().stream().filter(Optional::isPresent).count() == devices);
            System.out.printf("bench: %d wireguard-go devices read one by one in %.1f ms, together in %.1f ms%n",
                    names.size(), (t1 - t0) / 1e6, (t2 - t1) / 1e6);
            for (String name : names) wg.delete(name, handle);
        } finally {
            sockets.values().forEach(RouteNetlink::close);
        }
    }
}
