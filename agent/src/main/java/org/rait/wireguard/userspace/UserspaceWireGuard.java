package org.rait.wireguard.userspace;

import org.rait.netlink.Link;
import org.rait.netlink.NetworkNamespace;
import org.rait.netlink.RouteNetlink;
import org.rait.wireguard.DeviceConfig;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.WireGuard;
import org.rait.wireguard.WireGuardException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * WireGuard in userspace: one wireguard-go process per interface, started in the transit namespace
 * (where its UDP socket stays), its TUN moved to the target namespace, configured over UAPI.
 *
 * <p>Sockets, pid files and logs are this configuration's runtime entries, in a directory of their own
 * ({@link #socketDirectory}): keyed by the namespace the interfaces live in and the ifgroup that marks
 * them, what one configuration owns. Several rait instances may share one runtime_dir (the default) and
 * even interface names in different namespaces; none ever sees, reads or ends another's entries.
 */
public final class UserspaceWireGuard implements WireGuard {
    private final WireGuardGoProcesses processes;
    private final Function<NetworkNamespace, RouteNetlink> netlinkOpener;
    private long writes;

    /**
     * @param socketDir     this configuration's {@link #socketDirectory}
     * @param netlinkOpener rtnetlink of a namespace (to move the TUN and delete links); the caller owns
     *                      the sockets and counts their writes
     */
    public UserspaceWireGuard(Path socketDir, Function<NetworkNamespace, RouteNetlink> netlinkOpener) {
        this.processes = new WireGuardGoProcesses(socketDir);
        this.netlinkOpener = netlinkOpener;
    }

    /**
     * {@code <runtime_dir>/wireguard/netns/NAME/IFGROUP} for interfaces in namespace NAME, or
     * {@code <runtime_dir>/wireguard/current/IFGROUP} for those in the namespace rait runs in (target "",
     * or any VRF). A namespace name holds no "/", so the two kinds of path never meet. Short, because
     * a unix socket's path has at most 107 bytes.
     */
    public static Path socketDirectory(Path runtimeDir, String namespace, long ifgroup) {
        Path byNamespace = namespace.isEmpty()
                ? runtimeDir.resolve("wireguard").resolve("current")
                : runtimeDir.resolve("wireguard").resolve("netns").resolve(namespace);
        return byNamespace.resolve(Long.toString(ifgroup));
    }

    @Override
    public String kind() {
        return "userspace";
    }

    @Override
    public void create(String ifname, NetworkNamespace transit, NetworkNamespace target) {
        // A wireguard-go of ours whose interface is not managed (rait stopped between start and move)
        // holds the name in transit: end it first, or the new one could not make its TUN.
        processes.running(ifname).ifPresent(stray -> processes.stop(ifname, stray));
        ProcessHandle process = processes.start(ifname, transit.name());
        writes++;
        if (NetworkNamespace.same(transit, target)) return;
        try {
            RouteNetlink transitLinks = netlinkOpener.apply(transit);
            Link tun = transitLinks.link(ifname).orElseThrow(() -> new WireGuardException(
                    ifname + ": wireguard-go runs but its TUN is not in namespace \"" + transit.name() + "\""));
            transitLinks.moveToNamespace(tun.index(), target);
        } catch (RuntimeException e) {
            // A TUN left in transit would be unmanaged: end its process, which removes it.
            processes.stop(ifname, process);
            throw e instanceof WireGuardException w ? w : new WireGuardException(
                    ifname + ": cannot move the TUN to namespace \"" + target.name() + "\": " + e.getMessage(), e);
        }
    }

    @Override
    public void configure(String ifname, NetworkNamespace target, DeviceConfig config) {
        List<String> lines = UapiMessages.set(config);
        int errno = UapiSocket.set(ifname, processes.socket(ifname), lines);
        writes++;
        if (errno == UapiSocket.EADDRINUSE) {
            throw new WireGuardException(ifname + ": listen port " + config.listenPort()
                    + " is in use in the transit namespace (errno=-98); the device has no socket until it is set again");
        }
        if (errno != 0) {
            throw new WireGuardException(ifname + ": wireguard-go refused the configuration (errno=" + errno + ")");
        }
    }

    @Override
    public Optional<DeviceState> read(String ifname, NetworkNamespace target) {
        return UapiSocket.get(ifname, processes.socket(ifname)).map(lines -> UapiMessages.state(ifname, lines));
    }

    /** Every wireguard-go asked at once ({@link UapiSocket#getAll}). */
    @Override
    public Map<String, Optional<DeviceState>> readAll(List<String> ifnames, NetworkNamespace target) {
        Map<String, Path> sockets = new LinkedHashMap<>();
        for (String ifname : ifnames) sockets.put(ifname, processes.socket(ifname));
        Map<String, Optional<DeviceState>> devices = new LinkedHashMap<>();
        for (Map.Entry<String, Optional<List<String>>> answer : UapiSocket.getAll(sockets).entrySet()) {
            String ifname = answer.getKey();
            Optional<List<String>> lines = answer.getValue();
            devices.put(ifname, lines.isPresent() ? Optional.of(UapiMessages.state(ifname, lines.get())) : Optional.empty());
        }
        return devices;
    }

    @Override
    public void delete(String ifname, NetworkNamespace target) {
        RouteNetlink targetLinks = netlinkOpener.apply(target);
        Optional<Link> link = targetLinks.link(ifname);
        if (link.isPresent()) {
            targetLinks.deleteLink(link.get().index());
        }
        Optional<ProcessHandle> process = processes.running(ifname);
        if (process.isPresent()) {
            processes.stop(ifname, process.get());
        } else {
            processes.forget(ifname);
        }
    }

    /**
     * Ends the processes of this configuration's entries that are not kept: the directory holds nothing
     * else, so no other instance's tunnel is ever ended. A directory left empty is removed (after `rait down`).
     */
    @Override
    public List<String> removeStrays(Set<String> keep) {
        List<String> ended = new ArrayList<>();
        for (String ifname : processes.names()) {
            if (keep.contains(ifname)) continue;
            Optional<ProcessHandle> stray = processes.running(ifname);
            if (stray.isPresent()) {
                processes.stop(ifname, stray.get());
                writes++;
                ended.add(ifname);
            } else {
                processes.forget(ifname);
            }
        }
        processes.removeDirectoryIfEmpty();
        return ended;
    }

    /** Processes started and UAPI sets sent; rtnetlink writes are counted by the caller's sockets. */
    @Override
    public long writeRequests() {
        return writes;
    }

    @Override
    public void close() {
        // Processes outlive this object on purpose; the rtnetlink sockets belong to the caller.
    }
}
