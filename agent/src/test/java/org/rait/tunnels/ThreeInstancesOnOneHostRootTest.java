package org.rait.tunnels;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.testbed.Testbed;

/** Three userspace instances on one host with the default runtime_dir. */
@Tag("root")
class ThreeInstancesOnOneHostRootTest extends InstancesOnOneHost {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    @Override
    void requireTools() {
        Testbed.requireRoot("wireguard-go", "wg", "ping");
    }

    @Override
    Testbed bed() {
        return bed;
    }

    @Override
    int size() {
        return 3;
    }

    @Override
    String backend() {
        return "userspace";
    }
}
