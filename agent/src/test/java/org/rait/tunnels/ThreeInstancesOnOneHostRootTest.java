package org.rait.tunnels;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.testbed.Testbed;

import java.io.IOException;

/** Three userspace instances on one host with the default runtime_dir and the same ifprefixes: nodes 1 and 2 both have an r4x50003. */
@Tag("root")
class ThreeInstancesOnOneHostRootTest extends InstancesOnOneHost {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    @Override
    void requireTools() {
        Testbed.requireRoot("wireguard-go", "wg", "ping");
    }

    @Override
    Mesh newMesh() throws IOException {
        return Mesh.onTheDefaultRuntimeDirWithTheSameIfprefixes(bed, 3);
    }

    @Override
    String backend() {
        return "userspace";
    }
}
