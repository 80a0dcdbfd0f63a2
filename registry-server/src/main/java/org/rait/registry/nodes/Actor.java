package org.rait.registry.nodes;

/**
 * Who made a change, as the audit log names it: an admin token's holder ("admin:carol") over the
 * API, or a unix user on the registry's host ("local:root") working on the data directory.
 */
public record Actor(String kind, String name) {
    public static Actor admin(String tokenName) {
        return new Actor("admin", tokenName);
    }

    public static Actor local(String unixUser) {
        return new Actor("local", unixUser);
    }

    @Override
    public String toString() {
        return kind + ":" + name;
    }
}
