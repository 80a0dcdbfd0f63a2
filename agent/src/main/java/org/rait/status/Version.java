package org.rait.status;

/** This build's version, from the jar's manifest; the development version when run from classes. */
public final class Version {
    private static final String DEVELOPMENT = "0.1.0-SNAPSHOT";

    private Version() {
    }

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? DEVELOPMENT : v;
    }
}
