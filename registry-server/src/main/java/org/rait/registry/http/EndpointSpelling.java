package org.rait.registry.http;

import org.rait.peers.Endpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * An endpoint as an admin types it on the command line and in the web page: FAMILY:PORT[:ADDRESS], e.g.
 * {@code ip4:50153:192.0.2.1}, {@code ip6:50154:[2001:db8::1]} (brackets optional), {@code ip4:50155} (no address).
 * Gives the API's endpoint body, so that what is typed is validated exactly like a JSON body.
 */
public final class EndpointSpelling {
    private EndpointSpelling() {
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code text} */
    public static Bodies.EndpointBody parse(String text) {
        String[] parts = text.split(":", 3);
        if (parts.length < 2) throw new IllegalArgumentException("must be FAMILY:PORT[:ADDRESS], got '" + text + "'");
        int port;
        try {
            port = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': the port must be a number");
        }
        String address = parts.length == 3 ? parts[2] : "";
        if (address.startsWith("[") && address.endsWith("]")) address = address.substring(1, address.length() - 1);
        return new Bodies.EndpointBody(parts[0], port, address);
    }

    /** Several, separated by commas and/or white space; none for a blank text. */
    public static List<Bodies.EndpointBody> parseList(String text) {
        List<Bodies.EndpointBody> endpoints = new ArrayList<>();
        for (String one : text.strip().split("[,\\s]+")) {
            if (!one.isEmpty()) endpoints.add(parse(one));
        }
        return endpoints;
    }

    /** The spelling {@link #parse} reads back. */
    public static String of(Endpoint e) {
        return e.addressFamily().spelling() + ":" + e.sendPort() + (e.address().isEmpty() ? "" : ":" + e.address());
    }
}
