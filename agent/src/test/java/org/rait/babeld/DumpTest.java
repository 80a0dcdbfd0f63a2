package org.rait.babeld;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DumpTest {
    @Test
    void freshBabeldRunsOnlyOnItsPlaceholderAndExportsItsLoopback() {
        Dump dump = Dump.parse(Transcripts.dumpBody("dump-placeholder-only.txt"));

        assertEquals(List.of(new BabeldInterface("placeholder0", false, Optional.empty(), Optional.empty())),
                dump.interfaces());
        assertEquals(List.of(new ExportedRoute("2001:db8:1::1/128", "::/0", 0)), dump.exported());
        assertTrue(dump.neighbours().isEmpty());
        assertTrue(dump.routes().isEmpty());
    }

    @Test
    void convergedDumpHasInterfacesNeighboursAndRoutes() {
        Dump dump = Dump.parse(Transcripts.dumpBody("dump-converged.txt"));

        assertEquals(List.of("placeholder0", "vA", "vC"), dump.interfaceNames());
        assertEquals(new BabeldInterface("vA", true, Optional.of("fe80::6838:caff:fed2:f6e2"), Optional.empty()),
                dump.interfaces().get(1));
        assertEquals(new Neighbour("fe80::90fe:eff:feab:6695", "vA", "ff80", 32, 96, 96), dump.neighbours().get(1));
        assertEquals(4, dump.routes().size());
        assertEquals(2, dump.exported().size());
    }

    @Test
    void ipv4RoutesGoViaAnIpv6NextHop() {
        Dump dump = Dump.parse(Transcripts.dumpBody("dump-converged.txt"));

        Route route = dump.installedRoute("10.99.2.1/32").orElseThrow();
        assertEquals(new Route("10.99.2.1/32", "0.0.0.0/0", true, "a0:f4:3f:40:b9:e4:7c:78", 96, 0,
                "fe80::90fe:eff:feab:6695", "vA"), route);
        assertTrue(route.feasible());
    }

    @Test
    void routesLearnedBeforeTheLinkCostIsKnownAreNotFeasible() {
        Dump dump = Dump.parse(Transcripts.dumpBody("dump-learning.txt"));

        assertTrue(dump.routes().stream().noneMatch(Route::feasible));
        assertTrue(dump.neighbours().stream().noneMatch(Neighbour::reachable));
    }

    @Test
    void aFlushedInterfaceLeavesAStaleUnreachableNeighbour() {
        Dump dump = Dump.parse(Transcripts.dumpBody("dump-after-flush.txt"));

        assertEquals(List.of("placeholder0", "vA"), dump.interfaceNames());
        Neighbour stale = dump.neighbours().stream().filter(n -> n.interfaceName().equals("vC")).findFirst().orElseThrow();
        assertFalse(stale.reachable());
        assertTrue(dump.routes().stream().allMatch(r -> r.interfaceName().equals("vA")));
    }

    @Test
    void interfacesFromExtraCommandsAreListedEvenWithoutALink() {
        Dump dump = Dump.parse(Transcripts.dumpBody("dump-with-host.txt"));

        assertEquals(List.of("vA", "vC", "host"), dump.interfaceNames());
        assertFalse(dump.interfaces().get(2).up());
    }

    @Test
    void kindsThisVersionDoesNotKnowAreSkipped() {
        Dump dump = Dump.parse(List.of("add interface vA up true", "add frobnicator 1234 colour blue"));

        assertEquals(List.of("vA"), dump.interfaceNames());
    }

    @Test
    void aRouteWithoutNextHopIsReportedWithItsLine() {
        MalformedReply e = assertThrows(MalformedReply.class, () -> Dump.parse(List.of(
                "add route 1 prefix 10.0.0.1/32 from 0.0.0.0/0 installed yes id x metric 96 refmetric 0 if vA")));
        assertEquals("dump line 'add route 1 prefix 10.0.0.1/32 from 0.0.0.0/0 installed yes id x metric 96"
                + " refmetric 0 if vA' has no 'via'", e.getMessage());
    }

    @Test
    void aMetricThatIsNotANumberIsReportedWithItsLine() {
        MalformedReply e = assertThrows(MalformedReply.class, () -> Dump.parse(List.of(
                "add xroute 1 prefix 10.0.0.1/32 from 0.0.0.0/0 metric lots")));
        assertTrue(e.getMessage().contains("'metric' is 'lots', expected a number"), e.getMessage());
    }

    @Test
    void aLineWithADanglingKeyIsRefused() {
        MalformedReply e = assertThrows(MalformedReply.class, () -> Dump.parse(List.of("add interface vA up")));
        assertTrue(e.getMessage().startsWith("cannot read dump line 'add interface vA up'"), e.getMessage());
    }
}
