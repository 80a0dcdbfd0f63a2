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

/** Links deleted from several sockets at once: every one asked for goes, a refusal is its own, in order, and the requests are the caller's. */
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
            List<NetlinkRequest> deletes = new ArrayList<>();
            List<String> asked = new ArrayList<>();
            for (Link l : rtnl.links()) {
                // lo is in the middle of the list on purpose: the kernel refuses to delete a loopback (EOPNOTSUPP)
                if (l.name().startsWith("pd") || l.name().equals("lo")) {
                    deletes.add(RtnetlinkRequests.deleteLink(l.index(), "index=" + l.index() + " name=" + l.name()));
                    asked.add(l.name());
                }
            }
            deletes.add(deletes.size() / 2, deletes.remove(asked.indexOf("lo")));
            asked.add(asked.size() / 2, asked.remove(asked.indexOf("lo")));

            long requestsBefore = KernelRequests.byThisThread();
            List<Outcome> outcomes = ParallelLinkDeletes.delete(handle, deletes, 4);

            assertEquals(deletes.size(), outcomes.size());
            assertEquals(deletes.size(), KernelRequests.byThisThread() - requestsBefore, "the deletes count as the caller's requests");
            for (int i = 0; i < outcomes.size(); i++) {
                assertEquals(deletes.get(i), outcomes.get(i).request(), "outcome " + i + " answers request " + i);
                if (asked.get(i).equals("lo")) assertEquals(Errno.EOPNOTSUPP, outcomes.get(i).error().errno(), "lo");
                else assertNull(outcomes.get(i).error(), asked.get(i));
            }
            Set<String> left = rtnl.links().stream().map(Link::name).collect(Collectors.toSet());
            assertEquals(Set.of("lo", "keep0", "keepp0"), left, "every veth asked for is gone with its peer, the pair not asked for stays");
        }
    }
}
