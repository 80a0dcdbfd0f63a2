package org.rait.babeld;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;
import org.rait.netlink.Link;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncPlannerTest {
    private static final long GROUP = 54;
    private static final List<String> PREFIXES = List.of("rait4x", "rait6x");
    private static final String PARAM = "type tunnel link-quality true";

    private static Link link(String name, long group) {
        return new Link(name.hashCode() & 0xffff, name, "tun", group, 1420, true, 0, 1);
    }

    private static RaitInterfaces rait(Link... links) {
        return RaitInterfaces.of(List.of(links), GROUP, PREFIXES);
    }

    private static List<String> commands(List<SyncStep> steps) {
        return steps.stream().map(SyncStep::command).toList();
    }

    @Test
    void managedInterfacesBabeldLacksAreAddedWithTheParam() {
        List<SyncStep> steps = SyncPlanner.plan(rait(link("rait4x50180", GROUP), link("rait6x50181", GROUP)),
                List.of("placeholder0"), PARAM, "");

        assertEquals(List.of("interface rait4x50180 type tunnel link-quality true",
                "interface rait6x50181 type tunnel link-quality true"), commands(steps));
    }

    @Test
    void interfacesRaitNoLongerManagesAreFlushed() {
        List<SyncStep> steps = SyncPlanner.plan(rait(link("rait4x50180", GROUP)),
                List.of("rait4x50180", "rait4x50342"), PARAM, "");

        assertEquals(List.of(new SyncStep.FlushInterface("rait4x50342")), steps);
    }

    @Test
    void interfacesRaitDoesNotManageAreNeverFlushed() {
        List<SyncStep> steps = SyncPlanner.plan(rait(link("eth0", 0), link("rait4x50180", GROUP)),
                List.of("host", "eth0", "placeholder0", "rait4x50180", "rait4xfoo", "rait4x"), PARAM, "");

        assertEquals(List.of(), steps);
    }

    @Test
    void aLinkOutsideTheIfgroupIsNotRaitsEvenWithARaitName() {
        List<SyncStep> steps = SyncPlanner.plan(rait(link("rait4x12345", 0)), List.of("rait4x12345"), PARAM, "");

        assertEquals(List.of(), steps);
    }

    @Test
    void aManagedLinkIsRaitsWhateverItsName() {
        RaitInterfaces rait = rait(link("wg-custom", GROUP));

        assertTrue(rait.owns("wg-custom"));
        assertEquals(List.of("interface wg-custom " + PARAM), commands(SyncPlanner.plan(rait, List.of(), PARAM, "")));
    }

    @Test
    void extraCommandComesLastOneLinePerCommand() {
        List<SyncStep> steps = SyncPlanner.plan(rait(link("rait4x50180", GROUP)), List.of("rait6x1"), PARAM,
                "interface host type wireless\n  \nredistribute local deny\n");

        assertEquals(List.of("interface rait4x50180 " + PARAM, "flush interface rait6x1",
                "interface host type wireless", "redistribute local deny"), commands(steps));
    }

    @Test
    void emptyParamSendsTheBareInterfaceCommand() {
        assertEquals(List.of("interface rait4x1"), commands(SyncPlanner.plan(rait(link("rait4x1", GROUP)), List.of(), "", "")));
    }

    @Test
    void secondPlanAfterApplyingTheFirstSendsOnlyTheExtraCommand() {
        RaitInterfaces rait = rait(link("rait4x50180", GROUP), link("eth0", 0));
        List<String> babeld = List.of("host", "rait4x50342");

        List<String> after = applied(babeld, SyncPlanner.plan(rait, babeld, PARAM, "interface host type wireless"));
        List<SyncStep> second = SyncPlanner.plan(rait, after, PARAM, "interface host type wireless");

        assertEquals(List.of(new SyncStep.ExtraCommand("interface host type wireless")), second);
    }

    /** Whatever babeld runs on, one sync leaves it on exactly the managed set plus what rait does not own. */
    @Property
    void oneSyncConvergesAndTheNextChangesNothing(
            @ForAll @Size(max = 6) @UniqueElements List<@IntRange(min = 1, max = 40) Integer> managedPorts,
            @ForAll @Size(max = 6) @UniqueElements List<@IntRange(min = 1, max = 40) Integer> babeldPorts,
            @ForAll boolean babeldRunsOnHost) {
        List<Link> links = new ArrayList<>(List.of(link("eth0", 0)));
        managedPorts.forEach(p -> links.add(link("rait6x" + p, GROUP)));
        RaitInterfaces rait = RaitInterfaces.of(links, GROUP, PREFIXES);
        List<String> babeld = new ArrayList<>(babeldPorts.stream().map(p -> "rait6x" + p).toList());
        if (babeldRunsOnHost) babeld.add("host");

        List<String> after = applied(babeld, SyncPlanner.plan(rait, babeld, PARAM, ""));

        Set<String> expected = new TreeSet<>(rait.managed());
        if (babeldRunsOnHost) expected.add("host");
        assertEquals(expected, new TreeSet<>(after));
        assertEquals(List.of(), SyncPlanner.plan(rait, after, PARAM, ""));
    }

    /** What babeld's interface list becomes when babeld accepts every step. */
    private static List<String> applied(List<String> babeld, List<SyncStep> steps) {
        Set<String> running = new HashSet<>(babeld);
        for (SyncStep step : steps) {
            if (step instanceof SyncStep.AddInterface add) running.add(add.name());
            if (step instanceof SyncStep.FlushInterface flush) running.remove(flush.name());
        }
        return List.copyOf(running);
    }
}
