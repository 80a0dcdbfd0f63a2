package org.rait.babeld;

import org.rait.netlink.Link;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which interface names are rait's, as seen in the namespace where rait's tunnels live.
 *
 * <p>The ifgroup is the authority for links that exist. babeld also keeps listing interfaces whose
 * link is gone (a removed peer's tunnel), and a gone link has no group; such a name is rait's when it
 * has the shape rait gives its tunnels: a transport's ifprefix followed by a port number. A link that
 * exists outside the ifgroup is never rait's, whatever its name.
 *
 * @param managed      links in the ifgroup: babeld should run on each
 * @param foreignLinks links outside the ifgroup: never touched
 * @param prefixes     the transports' ifprefixes
 */
public record RaitInterfaces(SortedSet<String> managed, Set<String> foreignLinks, List<String> prefixes) {
    public RaitInterfaces {
        managed = Collections.unmodifiableSortedSet(new TreeSet<>(managed));
        foreignLinks = Set.copyOf(foreignLinks);
        prefixes = List.copyOf(prefixes);
    }

    /** Splits the links of rait's target namespace by the ifgroup that marks what rait manages. */
    public static RaitInterfaces of(List<Link> links, long ifgroup, List<String> prefixes) {
        Set<String> managed = links.stream().filter(l -> l.group() == ifgroup).map(Link::name)
                .collect(Collectors.toSet());
        Set<String> foreign = links.stream().filter(l -> l.group() != ifgroup).map(Link::name)
                .collect(Collectors.toSet());
        return new RaitInterfaces(new TreeSet<>(managed), foreign, prefixes);
    }

    public boolean owns(String name) {
        if (managed.contains(name)) return true;
        if (foreignLinks.contains(name)) return false;
        return prefixes.stream().anyMatch(prefix -> isTunnelName(name, prefix));
    }

    private static boolean isTunnelName(String name, String prefix) {
        if (prefix.isEmpty() || !name.startsWith(prefix)) return false;
        String port = name.substring(prefix.length());
        return !port.isEmpty() && port.length() <= 5 && port.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
