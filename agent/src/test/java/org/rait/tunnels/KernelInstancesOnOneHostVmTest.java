package org.rait.tunnels;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.testbed.KernelFeatures;
import org.rait.testbed.Testbed;

import java.io.IOException;

/** Three kernel-WireGuard instances on one host with the default runtime_dir (VM only). */
@Tag("vm")
class KernelInstancesOnOneHostVmTest extends InstancesOnOneHost {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    @Override
    void requireTools() {
        KernelFeatures.requireLinkKinds("wireguard");
        Testbed.requireRoot("wg", "ping");
    }

    @Override
    Mesh newMesh() throws IOException {
        return Mesh.onTheDefaultRuntimeDir(bed, 3);
    }

    @Override
    String backend() {
        return "kernel";
    }
}
