package org.rait.netlink;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.testbed.Netns;
import org.rait.testbed.Testbed;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Links deleted by name from several sockets at once (the first share over the caller's): every one asked for goes, a refusal is its own, in order, and the requests are the caller's. */
@Tag("root")
class ParallelLinkDeletesRootTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    @BeforeEach
    void needsRoot() {
        Testbed.requireRoot("ip");
    }

    @Test
    void everyLinkAskedForIsGoneWhenItReturnsAndARefusalIsReportedNotHidden() {
        Netns ns = bed.namespace("pardel");
        StringBuilder add = new StringBuilder("ip link add keep0 type veth peer name keepp0");
        for (int i = 0; i < 12; i++) add.append(" && ip link add pd").append(i).append(" type veth peer name pp").append(i);
        ns.sh(add.toString());
        try (NetworkNamespace handle = NetworkNamespace.open(ns.name()); RouteNetlink rtnl = RouteNetlink.open(handle)) {
            List<String> asked = new ArrayList<>();
            for (int i = 0; i < 12; i++) asked.add("pd" + i);
            // lo in the first share (the caller's own socket) and a name that is not there in a worker's: the kernel
            // refuses to delete a loopback (EOPNOTSUPP) and finds no pdgone (ENODEV)
            asked.add(1, "lo");
            asked.add(9, "pdgone");
            List<NetlinkRequest> deletes = new ArrayList<>();
            for (String name : asked) deletes.add(RtnetlinkRequests.deleteLink(name));

            long requestsBefore = KernelRequests.byThisThread();
            List<Outcome> outcomes = ParallelLinkDeletes.delete(rtnl, handle, deletes, 4);

            assertEquals(deletes.size(), outcomes.size());
            assertEquals(deletes.size(), KernelRequests.byThisThread() - requestsBefore, "the deletes count as the caller's requests");
            for (int i = 0; i < outcomes.size(); i++) {
                assertEquals(deletes.get(i), outcomes.get(i).request(), "outcome " + i + " answers request " + i);
                if (asked.get(i).equals("lo")) assertEquals(Errno.EOPNOTSUPP, outcomes.get(i).error().errno(), "lo");
                else if (asked.get(i).equals("pdgone")) assertEquals(Errno.ENODEV, outcomes.get(i).error().errno(), "pdgone");
                else assertNull(outcomes.get(i).error(), asked.get(i));
            }
            Set<String> left = rtnl.links().stream().map(Link::name).collect(Collectors.toSet());
            assertEquals(Set.of("lo", "keep0", "keepp0"), left, "every veth asked for is gone with its peer, the pair not asked for stays");
        }
    }
}
