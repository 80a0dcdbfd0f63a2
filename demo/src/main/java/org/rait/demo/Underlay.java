package org.rait.demo;

/**
 * The simulated underlay: a hub namespace with a bridge, and for each node a transit namespace with a
 * veth into the bridge and the addresses 10.54.0.N/24 and fd54::N/64. Nothing touches the host's own
 * namespace. The demo and every test that simulates hosts build on it.
 */
public final class Underlay {
    private final Host host;
    private final String prefix;
    private final String hub;

    private Underlay(Host host, String prefix, String hub) {
        this.host = host;
        this.prefix = prefix;
        this.hub = hub;
    }

    /** Creates the hub namespace (named {@code PREFIX-hub}) and its bridge. */
    public static Underlay create(Host host, String prefix) {
        String hub = Namespaces.add(host, prefix + "-hub");
        Host.run("ip", "-n", hub, "link", "add", "br0", "type", "bridge");
        Host.run("ip", "-n", hub, "link", "set", "br0", "up");
        return new Underlay(host, prefix, hub);
    }

    /** Node N's IPv4 address on the underlay. */
    public static String address(int number) {
        return "10.54.0." + number;
    }

    /** Node N's IPv6 address on the underlay. */
    public static String address6(int number) {
        return "fd54::" + number;
    }

    /** Creates node N's transit namespace ({@code PREFIX-uN}) on the bridge and returns its name. */
    public String attach(int number) {
        String transit = Namespaces.add(host, prefix + "-u" + number);
        String nodeEnd = "u" + number;
        String hubEnd = "h" + number;
        Host.run("ip", "link", "add", nodeEnd, "netns", transit, "type", "veth", "peer", "name", hubEnd, "netns", hub);
        Host.run("ip", "-n", hub, "link", "set", hubEnd, "master", "br0", "up");
        Host.run("ip", "-n", transit, "addr", "add", address(number) + "/24", "dev", nodeEnd);
        Host.run("ip", "-n", transit, "addr", "add", address6(number) + "/64", "dev", nodeEnd, "nodad");
        Host.run("ip", "-n", transit, "link", "set", nodeEnd, "up");
        return transit;
    }
}
