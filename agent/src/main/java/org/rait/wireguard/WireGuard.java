package org.rait.wireguard;

import org.rait.netlink.LinkSettings;
import org.rait.netlink.NetworkNamespace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A WireGuard implementation that makes and configures point-to-point devices.
 * Two backends: kernel (generic netlink family "wireguard") and userspace (wireguard-go + UAPI).
 *
 * <p>The UDP socket of a device lives in {@code transit}; the interface itself is moved to {@code target}
 * (the two may be the same namespace). Link-level settings (MTU, group, addresses, up) are not the
 * backend's business: the reconciler does them over rtnetlink in the target namespace.
 */
public interface WireGuard extends AutoCloseable {
    /** "kernel" or "userspace", for logs and `rait list`. */
    String kind();

    /** Makes the device with its socket in transit and the interface in target, down and unconfigured. */
    void create(String ifname, NetworkNamespace transit, NetworkNamespace target);

    /**
     * Makes these devices as {@link #create} does, and returns the ones that failed with why (the others are
     * made). A backend that can give a link its {@code settings} at creation does (the kernel: group and
     * MTU); the caller sets them all the same where the link differs. The default makes them one by one;
     * the kernel sends the creations back to back (one round trip for many).
     */
    default Map<String, RuntimeException> createAll(Map<String, LinkSettings> devices, NetworkNamespace transit,
                                                    NetworkNamespace target) {
        Map<String, RuntimeException> failures = new LinkedHashMap<>();
        for (String ifname : devices.keySet()) {
            try {
                create(ifname, transit, target);
            } catch (RuntimeException e) {
                failures.put(ifname, e);
            }
        }
        return failures;
    }

    /** Replaces the device's whole configuration (private key, port, fwmark, peers). */
    void configure(String ifname, NetworkNamespace target, DeviceConfig config);

    /**
     * {@link #configure} of each device, and the ones that failed with why. The default configures them one
     * by one; the kernel sends the configurations back to back.
     */
    default Map<String, RuntimeException> configureAll(Map<String, DeviceConfig> configs, NetworkNamespace target) {
        Map<String, RuntimeException> failures = new LinkedHashMap<>();
        for (Map.Entry<String, DeviceConfig> config : configs.entrySet()) {
            try {
                configure(config.getKey(), target, config.getValue());
            } catch (RuntimeException e) {
                failures.put(config.getKey(), e);
            }
        }
        return failures;
    }

    /** What the device is configured with now; empty when no such device, or the link is not one of this backend's devices. */
    Optional<DeviceState> read(String ifname, NetworkNamespace target);

    /**
     * {@link #read} of each device, keyed in the order given; backends overlap the reads where they
     * can (the kernel several dumps to a datagram, userspace every wireguard-go asked at once).
     */
    default Map<String, Optional<DeviceState>> readAll(List<String> ifnames, NetworkNamespace target) {
        Map<String, Optional<DeviceState>> devices = new LinkedHashMap<>();
        for (String ifname : ifnames) devices.put(ifname, read(ifname, target));
        return devices;
    }

    /** Removes the device (and, for userspace, ends its process). */
    void delete(String ifname, NetworkNamespace target);

    /**
     * Removes these devices, all at once where the backend can, and returns the ones that failed with
     * why. The default removes them one by one.
     */
    default Map<String, RuntimeException> deleteAll(List<String> ifnames, NetworkNamespace target) {
        Map<String, RuntimeException> failures = new LinkedHashMap<>();
        for (String ifname : ifnames) {
            try {
                delete(ifname, target);
            } catch (RuntimeException e) {
                failures.put(ifname, e);
            }
        }
        return failures;
    }

    /**
     * Ends the devices this configuration's runtime entries record that are not among {@code keep}, such as
     * a wireguard-go whose TUN never reached the target; returns their names. Never one of another
     * configuration's. Nothing to do for backends whose devices are always visible as links.
     */
    default java.util.List<String> removeStrays(java.util.Set<String> keep) {
        return java.util.List.of();
    }

    /** Number of requests that changed something, for the no-op proof. */
    long writeRequests();

    @Override
    void close();
}
