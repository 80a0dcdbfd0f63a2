package org.rait.netlink;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.testbed.Testbed;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("root")
class GenericNetlinkRootTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    @BeforeEach
    void needsRoot() {
        Testbed.requireRoot("ip");
    }

    @Test
    void controllerResolvesItsOwnFamilyAndNoneForAnUnknownName() {
        try (NetworkNamespace ns = NetworkNamespace.open(bed.namespace("genl").name());
             GenericNetlink genl = GenericNetlink.open(ns)) {
            assertEquals(Optional.of(0x10), genl.familyId("nlctrl"));
            assertEquals(Optional.empty(), genl.familyId("raitnofamily"));
        }
    }
}
